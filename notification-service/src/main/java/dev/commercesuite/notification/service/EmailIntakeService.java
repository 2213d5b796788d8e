package dev.commercesuite.notification.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.tracing.StoredTrace;
import dev.commercesuite.notification.domain.EmailStatus;
import dev.commercesuite.notification.domain.EmailTemplate;
import dev.commercesuite.notification.domain.ShopName;
import dev.commercesuite.notification.domain.StoredEmail;
import dev.commercesuite.notification.repository.EmailRepository;

/**
 * Accepts an email: renders it and stores it durably, once per (client, Idempotency-Key). A replay of the same request
 * returns the stored email; the same key with a different request is a conflict. The email keeps the trace context
 * of the request ({@link StoredTrace}), so its delivery is part of the trace that queued it.
 */
@ApplicationScoped
public class EmailIntakeService {

    private final EmailRenderer renderer;
    private final EmailRepository emails;
    private final ObjectMapper canonicalJson;
    private final Clock clock;

    public EmailIntakeService(EmailRenderer renderer, EmailRepository emails, ObjectMapper json, Clock clock) {
        this.renderer = renderer;
        this.emails = emails;
        this.canonicalJson = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.clock = clock;
    }

    public StoredEmail accept(String clientId, String idempotencyKey, NewEmail request) {
        String hash = hash(request);
        EmailTemplate template = EmailTemplate.byId(request.template())
                .orElseThrow(() -> new InvalidRequestException("template", "is not a known template"));
        String locale = renderer.resolveLocale(template, request.locale());
        String shopName = request.shopName() == null ? null : request.shopName().strip();
        if (request.shopName() != null) {
            ShopName.problem(request.shopName()).ifPresent(problem -> {
                throw new InvalidRequestException("shopName", problem);
            });
        }
        RenderedEmail rendered = renderer.render(template, locale, shopName, request.data());
        Instant now = clock.instant();
        StoredEmail email = new StoredEmail(UuidV7.next(), clientId, idempotencyKey, hash, template.id(), locale,
                request.tenantId(), shopName, request.to(), rendered.subject(), rendered.html(), rendered.text(),
                EmailStatus.QUEUED, 0, null, now, now, now, null, StoredTrace.current());
        if (emails.insertIfAbsent(email)) {
            return email;
        }
        // the key was used before (a retry, or a concurrent request that won the insert): answer as its replay
        return replay(emails.findByKey(clientId, idempotencyKey).orElseThrow(), hash);
    }

    /** An email this client queued; another client's email does not exist for it. */
    public Optional<StoredEmail> findForClient(UUID id, String clientId) {
        return emails.find(id).filter(email -> email.clientId().equals(clientId));
    }

    private static StoredEmail replay(StoredEmail stored, String hash) {
        if (!MessageDigest.isEqual(stored.requestHash().getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII))) {
            throw new IdempotencyConflictException();
        }
        return stored;
    }

    /** SHA-256 of the request as JSON with object keys sorted, so key order and whitespace do not matter. */
    private String hash(NewEmail request) {
        try {
            Map<?, ?> tree = canonicalJson.convertValue(request, Map.class);
            byte[] canonical = canonicalJson.writeValueAsBytes(tree);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the request", e);
        }
    }
}
