package dev.commercesuite.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.TestTokens;

/**
 * What every test of this module runs against: its own database on the local PostgreSQL, a real SMTP server, and
 * access tokens signed by a test key the service trusts.
 */
@QuarkusTestResource(value = LocalPostgres.class, initArgs = @ResourceArg(name = "database", value = "notifications_test"))
@QuarkusTestResource(SmtpServer.class)
@QuarkusTestResource(TestTokens.class)
class TestDatabase {
}
