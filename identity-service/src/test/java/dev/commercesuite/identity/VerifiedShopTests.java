package dev.commercesuite.identity;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import dev.commercesuite.identity.Shops.Shop;

/** Tests that start from a new shop whose admin has verified the address, with the emails and tables at hand. */
abstract class VerifiedShopTests {

    @Inject
    DataSource dataSource;

    protected Sql sql;
    protected CapturedEmails emails;
    protected Shop shop;

    @BeforeEach
    void verifiedShop() {
        sql = new Sql(dataSource);
        emails = CapturedEmails.accepting();
        shop = Shops.create();
        Shops.verify(emails, shop.admin());
    }
}
