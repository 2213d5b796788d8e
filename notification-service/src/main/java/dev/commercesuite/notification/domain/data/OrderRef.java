package dev.commercesuite.notification.domain.data;

/** What every order email knows of its order: enough to link to the customer's status page. */
public interface OrderRef {

    String ID = "[A-Za-z0-9-]{1,64}";
    String ID_MESSAGE = "must be an order id";
    String TOKEN = "[A-Za-z0-9_-]{16,256}";
    String TOKEN_MESSAGE = "must be a URL-safe token of 16 to 256 characters";

    String orderId();

    String accessToken();
}
