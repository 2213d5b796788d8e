package dev.commercesuite.defaults.servicetoken;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** The token client's circuit breaker against a stub of the token endpoint. */
@QuarkusTest
@WithTestResource(TokenEndpointStub.class)
class ServiceTokenBreakerTest {

    @Inject
    ServiceTokenClient tokens;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void aFailingTokenEndpointOpensTheBreakerAndARecoveredOneClosesIt() {
        WireMock endpoint = new WireMock("127.0.0.1", TokenEndpointStub.port());
        endpoint.register(post(urlEqualTo(TokenEndpointStub.PATH)).willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < 4; i++) {
            assertThrows(ServiceTokenException.class, tokens::token);
        }
        // open: callers fail fast, and the endpoint is not asked again
        assertThrows(CircuitBreakerOpenException.class, tokens::token);
        assertEquals(4, endpoint.find(postRequestedFor(urlEqualTo(TokenEndpointStub.PATH))).size());

        endpoint.register(post(urlEqualTo(TokenEndpointStub.PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"a-service-token\",\"expires_in\":900}")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> "a-service-token".equals(tokens.token()));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(ServiceTokenClient.BREAKER));
    }
}
