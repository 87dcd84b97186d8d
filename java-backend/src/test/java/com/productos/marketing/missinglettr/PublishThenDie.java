package com.productos.marketing.missinglettr;

import com.productos.marketing.Brands;
import com.productos.marketing.InMemoryBrandProfiles;
import com.productos.marketing.ModuleHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for the crash test: publishes through Missinglettr and halts the JVM (no shutdown
 * hooks, no finally blocks) the moment the provider has answered, before our record is written.
 * Arguments: workspace folder, config file.
 */
public final class PublishThenDie {
    static final int HALT_STATUS = 97;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String config = Files.readString(Path.of(args[1]));
        ModuleHarness harness = new ModuleHarness(
                root,
                Clock.systemUTC(),
                new InMemoryBrandProfiles().with("acme", Brands.acme()),
                config,
                () -> Runtime.getRuntime().halt(HALT_STATUS));
        harness.call(
                ModuleHarness.pathOf("marketing.publish_missinglettr"),
                MissinglettrPublishingTest.input("Killed", "now", null),
                "key-killed");
        // Reaching this line means the crash point was never hit.
        System.exit(1);
    }
}
