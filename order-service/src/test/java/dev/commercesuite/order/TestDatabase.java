package dev.commercesuite.order;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.NotificationIntakeStub;
import dev.commercesuite.defaults.testing.TestTokens;

/**
 * What every test of the module runs against: this service's test database on the local PostgreSQL, the test JWT
 * keys, identity-service stubbed ({@link IdentityStub}) and notification-service's intake stubbed (read the emails
 * with {@code CapturedEmails}) and Stripe stubbed ({@link StripeStub}).
 */
@QuarkusTestResource(value = LocalPostgres.class, initArgs = @ResourceArg(name = "database", value = "orders_test"))
@QuarkusTestResource(TestTokens.class)
@QuarkusTestResource(IdentityStub.class)
@QuarkusTestResource(NotificationIntakeStub.class)
@QuarkusTestResource(StripeStub.class)
class TestDatabase {
}
