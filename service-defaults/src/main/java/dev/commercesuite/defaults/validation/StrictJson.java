package dev.commercesuite.defaults.validation;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Makes the application's {@code ObjectMapper} strict about what it reads, for every service and every endpoint: a
 * key repeated in one object is refused (parsers disagree on which copy wins, so a repeated key can smuggle a value
 * past a check that read the other one), and every string is held to {@link Text}. Both failures become 400
 * problems naming the field ({@code ProblemExceptionMappers}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.registerModule(TextDeserializers.module());
    }
}
