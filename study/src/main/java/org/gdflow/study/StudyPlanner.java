package org.gdflow.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.gdflow.core.error.GdflowException;
import org.gdflow.core.Gdflow;
import org.gdflow.core.run.MemoryEstimate;
import org.gdflow.core.spec.Spec;
import org.gdflow.core.spec.SpecJson;
import org.gdflow.core.spec.SpecLocations;
import org.gdflow.core.spec.SpecReader;

/**
 * Plans a study: expands the sweep, names each variant, and has core read every variant (the spec
 * without its sweep block, with the variant's values set) so that a bad value fails before any run
 * starts.
 */
final class StudyPlanner {
    private final SpecReader reader;
    private final List<String> pluginPath;

    /** A planner reading specs with the plugins of {@code gdflow}; each run carries its plugin path. */
    StudyPlanner(Gdflow gdflow) {
        this.reader = new SpecReader(gdflow.catalog());
        this.pluginPath = gdflow.pluginPath().stream().map(Object::toString).toList();
    }

    List<PlannedRun> plan(StudyFile file) {
        ObjectNode base = file.root().deepCopy();
        JsonNode sweep = base.remove("sweep");
        // where runs are run is not part of any run's spec
        base.remove("executor");
        List<SweepAxis> axes = sweep == null ? List.of() : SweepParser.parse(sweep, file.locations());
        List<List<SweptValue>> combos = SweepExpansion.product(axes);
        JsonNode name = base.path("name");
        List<String> ids = VariantIds.of(combos, name.isTextual() ? VariantIds.sanitise(name.textValue()) : "run");
        List<PlannedRun> runs = new ArrayList<>();
        for (int i = 0; i < combos.size(); i++) {
            runs.add(variant(file, base, ids.get(i), combos.get(i)));
        }
        return runs;
    }

    private PlannedRun variant(StudyFile file, ObjectNode base, String id, List<SweptValue> values) {
        ObjectNode root = base.deepCopy();
        SpecLocations locations = file.locations();
        try {
            for (SweptValue v : values) {
                JsonPaths.set(root, v.path(), v.value());
                locations = locations.withOverride(v.path(), "sweep " + v.path() + "=" + v.json());
            }
            Spec spec = reader.read(root, locations, file.baseDir());
            String resolved = SpecJson.write(spec, spec.backend().name()).toString();
            MemoryEstimate memory = MemoryEstimate.of(spec);
            return new PlannedRun(id, values, resolved, file.baseDir().toString(), spec.backend().name(), memory.bytes(),
                    memory.toString(), pluginPath);
        } catch (GdflowException e) {
            throw new GdflowException("variant " + id + ": " + e.getMessage(), e);
        }
    }
}
