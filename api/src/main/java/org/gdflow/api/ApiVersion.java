package org.gdflow.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version of the plugin API, the version of the {@code gdflow-api} artifact ({@code 1.2.0},
 * {@code 0.1.0-SNAPSHOT}); only its major and minor numbers matter.
 *
 * <p>A plugin jar records the API version it was built against in its manifest, as the attribute
 * {@value #MANIFEST_ATTRIBUTE}, written by the plugin's build from the same property as its
 * {@code gdflow-api} dependency:
 *
 * <pre>{@code
 * <manifestEntries><Gdflow-Api-Version>${gdflow.version}</Gdflow-Api-Version></manifestEntries>
 * }</pre>
 *
 * <p>The promise: within one major version the API only grows. A minor version may add types,
 * methods with a default, plugin kinds and optional parameters; it never removes or changes what a
 * plugin implements or calls. So a plugin built against {@code x.y} loads in any gdflow whose API
 * is {@code x.z} with {@code z ≥ y}; another major version, or a newer minor, is refused. While
 * the major is 0 the minor plays its part: {@code 0.1} and {@code 0.2} are as different as
 * {@code 1} and {@code 2}.
 *
 * @param major the first number
 * @param minor the second number (0 when the text has none)
 * @param text the version as written
 */
public record ApiVersion(int major, int minor, String text) {
    /** The manifest attribute in which a plugin jar records the API version it was built against. */
    public static final String MANIFEST_ATTRIBUTE = "Gdflow-Api-Version";

    private static final Pattern FORM = Pattern.compile("(\\d+)(?:\\.(\\d+)(?:[.\\-+].*)?|[\\-+].*)?");

    /** Checks the numbers and the text. */
    public ApiVersion {
        Objects.requireNonNull(text, "text");
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("version numbers cannot be negative: " + major + "." + minor);
        }
    }

    /**
     * Reads a version such as {@code 1}, {@code 1.2}, {@code 1.2.3} or {@code 0.1.0-SNAPSHOT}.
     *
     * @throws IllegalArgumentException if the text does not start with numbers in that form
     */
    public static ApiVersion parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version such as 1.2 or 0.1.0-SNAPSHOT");
        }
        try {
            int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            return new ApiVersion(Integer.parseInt(m.group(1)), minor, text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has a number too large for a version", e);
        }
    }

    /** The API version of this gdflow: the version of the {@code gdflow-api} it runs with. */
    public static ApiVersion current() {
        return read(ApiVersion.class.getResourceAsStream("api-version.properties"));
    }

    /** Reads {@code version=...} from a properties stream (package-private for the tests). */
    static ApiVersion read(InputStream in) {
        if (in == null) {
            throw new IllegalStateException("gdflow-api has no org/gdflow/api/api-version.properties: a broken build");
        }
        Properties properties = new Properties();
        try (in) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read gdflow-api's api-version.properties: " + e.getMessage(), e);
        }
        return parse(properties.getProperty("version", ""));
    }

    /**
     * Whether a plugin built against {@code builtAgainst} may run with this API: the same major and
     * a minor no newer than this one (while the major is 0, the same minor).
     */
    public boolean accepts(ApiVersion builtAgainst) {
        if (builtAgainst.major != major) {
            return false;
        }
        return major == 0 ? builtAgainst.minor == minor : builtAgainst.minor <= minor;
    }

    /** The version as written. */
    @Override
    public String toString() {
        return text;
    }
}
