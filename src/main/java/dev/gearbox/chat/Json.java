package dev.gearbox.chat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper, with parser limits set so hostile input cannot exhaust memory or stack. */
public final class Json {
    /** Deeper nesting than any real request needs; deeper input is refused with a 400. */
    public static final int MAX_NESTING_DEPTH = 200;
    /** Longest single string value, in characters (a 10 MB body is the outer bound anyway). */
    public static final int MAX_STRING_LENGTH = 20_000_000;
    /** Longest number literal, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Reads one JSON document and refuses anything after it ({"a":1} x), as OpenAI and Anthropic do. */
    public static final com.fasterxml.jackson.databind.ObjectReader STRICT =
            MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}
}
