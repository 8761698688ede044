package org.gdflow.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The version of a class's code: a class folder is "dev", a jar gives its manifest version and SHA-256, checked by sha256sum. */
class PluginVersionsTest {

    @Test
    void aClassOutsideAJarIsDev() {
        // this test class lies in target/test-classes, a folder without a manifest
        assertTrue(Files.isDirectory(Path.of(PluginVersionsTest.class.getProtectionDomain().getCodeSource().getLocation().getPath())));
        assertEquals("dev", PluginVersions.version(PluginVersionsTest.class));
    }

    @Test
    void aClassFromAJarGivesItsVersionAndTheStartOfTheJarsSha256() throws Exception {
        Path jar = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(jar), jar.toString());
        // the digest from coreutils' sha256sum, not from the JDK
        Process process = new ProcessBuilder(List.of("sha256sum", jar.toString())).redirectErrorStream(true).start();
        String line = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), line);
        String declared = ObjectMapper.class.getPackage().getImplementationVersion();
        assertTrue(declared != null && declared.startsWith("2."), "Jackson's manifest version: " + declared);
        assertEquals(declared + " sha256:" + line.substring(0, 16), PluginVersions.version(ObjectMapper.class));
    }
}
