package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.login;
import static dev.commercesuite.identity.Shops.resend;
import static dev.commercesuite.identity.Shops.signup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.identity.Shops.Shop;
import dev.commercesuite.identity.service.VerificationResends;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * No account enumeration: for an address with an account and one without, sign-up, resend-verification and login
 * give byte-identical answers (request ids aside) and do the same expensive work while the caller waits. The timing
 * itself is measured in bench/ (docs/benchmarks.md).
 */
@QuarkusTest
class EnumerationTest {

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry meters;

    private Sql sql;
    private CapturedEmails emails;
    private Shop shop;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        emails = CapturedEmails.accepting();
        shop = Shops.create();
    }

    /** What one request cost: Argon2id hashes, Argon2id verifications and outbox messages naming the address. */
    private record Work(double hashes, double verifications, long outboxMessages) {
    }

    private Work workOf(String address, Supplier<Response> call, List<Response> answers) throws Exception {
        double hashes = hashing("hash");
        double verifications = hashing("verify");
        long messages = outboxMessages(address);
        answers.add(call.get());
        return new Work(hashing("hash") - hashes, hashing("verify") - verifications,
                outboxMessages(address) - messages);
    }

    @Test
    void signupForATakenAndANewAddressDoesTheSameWork() throws Exception {
        String taken = "taken-" + shop.slug() + "@example.com";
        signup(shop.slug(), taken).then().statusCode(202);
        // the relay has made the account (and queued its verification email) before the measured requests start
        emails.await(taken, "verify-email");
        String fresh = "fresh-" + shop.slug() + "@example.com";

        List<Response> answers = new ArrayList<>();
        Work takenWork = workOf(taken, () -> signup(shop.slug(), taken), answers);
        Work freshWork = workOf(fresh, () -> signup(shop.slug(), fresh), answers);

        assertEquals(new Work(1, 0, 1), takenWork);
        assertEquals(takenWork, freshWork);
        assertIdentical(answers);
        emails.await(taken, "account-exists");
        emails.await(fresh, "verify-email");
    }

    @Test
    void resendForAnUnverifiedAVerifiedAndAnUnknownAddressDoesTheSameWork() throws Exception {
        String unverified = "unverified-" + shop.slug() + "@example.com";
        signup(shop.slug(), unverified).then().statusCode(202);
        emails.await(unverified, "verify-email");
        Shops.verify(emails, shop.admin());
        String unknown = "nobody-" + shop.slug() + "@example.com";

        List<Response> answers = new ArrayList<>();
        Work unverifiedWork = workOf(unverified, () -> resend(shop.slug(), unverified), answers);
        Work verifiedWork = workOf(shop.admin(), () -> resend(shop.slug(), shop.admin()), answers);
        Work unknownWork = workOf(unknown, () -> resend(shop.slug(), unknown), answers);

        // while the caller waits: one deferred request in the outbox, nothing else
        assertEquals(new Work(0, 0, 1), unverifiedWork);
        assertEquals(unverifiedWork, verifiedWork);
        assertEquals(unverifiedWork, unknownWork);
        assertIdentical(answers);
        assertEquals(1, sql.count("SELECT count(*) FROM outbox WHERE destination = ? AND payload LIKE ?",
                VerificationResends.NAME, "%" + unknown + "%"));
        // afterwards the relay hands the request back: only the unverified account gets a second link
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> emails.all(unverified, "verify-email").size() == 2);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sql.count("SELECT count(*) FROM audit_events"
                + " WHERE tenant_id = ?::uuid AND action = 'verification.resend-ignored'", shop.id()) == 2);
        assertEquals(List.of(), emails.all(unknown, "verify-email"));
        assertEquals(1, emails.all(shop.admin(), "verify-email").size());
    }

    @Test
    void forgotPasswordForAnAccountACappedAccountAndAnUnknownAddressDoesTheSameWork() throws Exception {
        String unknown = "nobody-" + shop.slug() + "@example.com";
        for (int i = 0; i < 3; i++) {
            Shops.forgotPassword(shop.slug(), shop.admin()).then().statusCode(202);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> emails.all(shop.admin(), "password-reset").size() == 3);

        List<Response> answers = new ArrayList<>();
        Work capped = workOf(shop.admin(), () -> Shops.forgotPassword(shop.slug(), shop.admin()), answers);
        Work missing = workOf(unknown, () -> Shops.forgotPassword(shop.slug(), unknown), answers);
        Shop other = Shops.create();
        emails.await(other.admin(), "verify-email");
        Work account = workOf(other.admin(), () -> Shops.forgotPassword(other.slug(), other.admin()), answers);

        assertEquals(new Work(0, 0, 1), account);
        assertEquals(account, capped);
        assertEquals(account, missing);
        assertIdentical(answers);
        emails.await(other.admin(), "password-reset");
    }

    @Test
    void loginForAnUnknownAddressVerifiesAHashLikeAWrongPasswordDoes() throws Exception {
        Shops.verify(emails, shop.admin());
        String unknown = "nobody-" + shop.slug() + "@example.com";

        List<Response> answers = new ArrayList<>();
        Work wrongPassword = workOf(shop.admin(), () -> login(shop.slug(), shop.admin(), PASSWORD + "x"), answers);
        Work unknownAccount = workOf(unknown, () -> login(shop.slug(), unknown, PASSWORD + "x"), answers);
        Work unknownShop = workOf(unknown, () -> login("no-such-" + shop.slug(), unknown, PASSWORD + "x"), answers);

        assertEquals(new Work(0, 1, 0), wrongPassword);
        assertEquals(wrongPassword, unknownAccount);
        assertEquals(wrongPassword, unknownShop);
        assertIdentical(answers);
    }

    private double hashing(String operation) {
        return meters.get("identity.password.hashing").tag("operation", operation).timer().count();
    }

    private long outboxMessages(String address) throws Exception {
        return sql.count("SELECT count(*) FROM outbox WHERE payload LIKE ?", "%\"" + address + "\"%");
    }

    private static void assertIdentical(List<Response> answers) {
        Response first = answers.get(0);
        for (Response answer : answers) {
            assertEquals(first.statusCode(), answer.statusCode());
            assertEquals(first.contentType(), answer.contentType());
            assertEquals(first.asString().replaceAll("\"requestId\":\"[^\"]*\"", ""),
                    answer.asString().replaceAll("\"requestId\":\"[^\"]*\"", ""));
        }
    }
}
