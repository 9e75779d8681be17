package io.eventbridge.kafka.it.schema;

import com.sun.codemodel.JCodeModel;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.avro.Schema;
import org.apache.avro.compiler.specific.SpecificCompiler;
import org.jsonschema2pojo.AnnotationStyle;
import org.jsonschema2pojo.DefaultGenerationConfig;
import org.jsonschema2pojo.GenerationConfig;
import org.jsonschema2pojo.Jackson2Annotator;
import org.jsonschema2pojo.SchemaGenerator;
import org.jsonschema2pojo.SchemaMapper;
import org.jsonschema2pojo.SchemaStore;
import org.jsonschema2pojo.SourceType;
import org.jsonschema2pojo.rules.RuleFactory;

/**
 * Code generated from exported schemas the way a consuming team would: Java classes from a JSON Schema with
 * jsonschema2pojo (Jackson 2 annotations), or from an {@code .avsc} with Avro's own compiler; then compiled with
 * the JDK's compiler against the test class path and loaded.
 */
public final class GeneratedCode {
    private GeneratedCode() {}

    /** Classes of a JSON Schema document; the root class is {@code packageName.rootName}. */
    public static ClassLoader fromJsonSchema(String schema, String rootName, String packageName, Path dir)
            throws IOException {
        GenerationConfig config = new DefaultGenerationConfig() {
            @Override
            public SourceType getSourceType() {
                return SourceType.JSONSCHEMA;
            }

            @Override
            public AnnotationStyle getAnnotationStyle() {
                return AnnotationStyle.JACKSON2;
            }

            @Override
            public boolean isUseLongIntegers() {
                return true;
            }

            @Override
            public boolean isIncludeGeneratedAnnotation() {
                return false;
            }

            @Override
            public String getTargetVersion() {
                return "17";
            }
        };
        JCodeModel model = new JCodeModel();
        new SchemaMapper(
                        new RuleFactory(config, new Jackson2Annotator(config), new SchemaStore()),
                        new SchemaGenerator())
                .generate(model, rootName, packageName, schema);
        Path sources = Files.createDirectories(dir.resolve("src"));
        model.build(sources.toFile(), (java.io.PrintStream) null);
        return compile(sources, dir.resolve("classes"));
    }

    /** Classes of an Avro schema, as {@code avro-maven-plugin} would make them. */
    public static ClassLoader fromAvsc(String avsc, Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        new SpecificCompiler(new Schema.Parser().parse(avsc)).compileToDestination(null, sources.toFile());
        return compile(sources, dir.resolve("classes"));
    }

    private static ClassLoader compile(Path sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .toList();
        }
        if (files.isEmpty()) {
            throw new AssertionError("nothing was generated in " + sources);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "-proc:none",
                "-nowarn"));
        args.addAll(files);
        if (javac.run(null, errors, errors, args.toArray(new String[0])) != 0) {
            throw new AssertionError("generated code does not compile:\n" + errors);
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedCode.class.getClassLoader());
    }

    /** Calls a getter chain, e.g. {@code get(event, "getDetail", "getValue", "getCustomer")}. */
    public static Object get(Object target, String... getters) throws ReflectiveOperationException {
        Object at = target;
        for (String getter : getters) {
            at = at.getClass().getMethod(getter).invoke(at);
        }
        return at;
    }
}
