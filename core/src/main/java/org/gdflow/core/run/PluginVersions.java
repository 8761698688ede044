package org.gdflow.core.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdflow.api.PluginKind;
import org.gdflow.core.plugin.PluginCatalog;
import org.gdflow.core.spec.PluginRef;
import org.gdflow.core.spec.Spec;

/**
 * The versions of gdflow and of every plugin a run uses, as its provenance and its checkpoints record
 * them: a run is continued bit for bit only by the same code. A plugin's version is its jar's
 * {@code Implementation-Version} and the first 16 hexadecimal digits of the jar's SHA-256 (a
 * rebuilt snapshot jar has another), or {@code dev} for classes outside a jar.
 */
public final class PluginVersions {
    private PluginVersions() {
    }

    /**
     * {@code gdflow} and {@code <kind>/<name>} of every plugin {@code spec} uses on {@code backend}, in
     * spec order. Each plugin is known by the class of an instance it makes (its factory may be a
     * helper of the api jar), so the jar is the plugin's own.
     */
    public static Map<String, String> of(Spec spec, String backend, PluginCatalog catalog) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("gdflow", Provenance.version());
        List<PluginRef> refs = new ArrayList<>();
        if (spec.data() instanceof Spec.GeneratedData g && g.target() instanceof Spec.TeacherTarget t) {
            refs.add(t.activation());
        }
        refs.add(spec.model().activation());
        refs.add(spec.model().scaling());
        refs.add(spec.integrator());
        refs.add(spec.backend().name().equals(backend) ? spec.backend() : catalog.named(PluginKind.BACKEND, backend));
        for (PluginRef ref : refs) {
            versions.put(ref.kind().label() + "/" + ref.name(), version(catalog.create(ref, ref.kind().type()).getClass()));
        }
        return versions;
    }

    /** The paths where two version maps differ, each as {@code name: then → now}. */
    public static List<String> differences(Map<String, String> then, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : then.entrySet()) {
            String current = now.get(e.getKey());
            if (!e.getValue().equals(current)) {
                out.add(e.getKey() + ": " + e.getValue() + " then, " + (current == null ? "not used" : current) + " now");
            }
        }
        for (String key : now.keySet()) {
            if (!then.containsKey(key)) {
                out.add(key + ": not used then, " + now.get(key) + " now");
            }
        }
        return out;
    }

    /**
     * The version of the code of a class: its package's {@code Implementation-Version} ({@code dev} if none), and for
     * a class from a jar the first 16 hex digits of the jar's SHA-256.
     */
    static String version(Class<?> source) {
        String declared = source.getPackage() == null ? null : source.getPackage().getImplementationVersion();
        Path jar = jar(source);
        if (jar == null) {
            return declared == null ? "dev" : declared;
        }
        return (declared == null ? "dev" : declared) + " sha256:" + sha256(jar).substring(0, 16);
    }

    private static Path jar(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return null;
        }
        try {
            Path path = Path.of(code.getLocation().toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
