package io.eventbridge.kafka.schema.json;

/**
 * The two schema types of an EventBridge schema registry. As config values they are written {@code openapi3} and
 * {@code jsonschemadraft4}; the registry's own spellings ({@code OpenApi3}, {@code JSONSchemaDraft4}) are accepted
 * too, since config enums match without case.
 */
public enum SchemaFormat {
    OPENAPI3("OpenApi3", JsonSchemas.Dialect.OPENAPI3),
    JSONSCHEMADRAFT4("JSONSchemaDraft4", JsonSchemas.Dialect.DRAFT4);

    private final String registryType;
    private final JsonSchemas.Dialect dialect;

    SchemaFormat(String registryType, JsonSchemas.Dialect dialect) {
        this.registryType = registryType;
        this.dialect = dialect;
    }

    /** The {@code Type} of a schema in the registry's API. */
    public String registryType() {
        return registryType;
    }

    public JsonSchemas.Dialect dialect() {
        return dialect;
    }

    public static SchemaFormat ofRegistryType(String type) {
        for (SchemaFormat f : values()) {
            if (f.registryType.equalsIgnoreCase(type)) {
                return f;
            }
        }
        throw new IllegalArgumentException("not a schema registry type: " + type);
    }
}
