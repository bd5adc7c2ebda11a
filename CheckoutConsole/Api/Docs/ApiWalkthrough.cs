namespace CheckoutConsole.Api.Docs;

/// <summary>
/// The curl walkthrough of a whole checkout, shown on the console's REST API page; README.md's
/// "REST API" section carries the same script (a test keeps the two equal).
/// </summary>
public static class ApiWalkthrough
{
    public const string Script = """
    BASE=http://localhost:5080
    API=$BASE/services/data/v62.0

    # 1. Log in as Alice with the OAuth2 username-password grant; keep the access token.
    TOKEN=$(curl -s "$BASE/services/oauth2/token" -d grant_type=password \
      -d client_id=checkout-console -d client_secret=checkout-console-secret \
      -d username=alice@acme.example -d password=alice-demo | jq -r .access_token)
    echo "$TOKEN"

    # Every call below sends the token; sf prints the response.
    sf() { curl -s -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" "$@"; echo; }

    # 2. Find Alice's cart with SOQL.
    CART=$(sf -G "$API/query" --data-urlencode "q=SELECT Id, Name, Status FROM WebCart WHERE Name LIKE 'Alice%'" | jq -r '.records[0].Id')
    echo "$CART"

    # 3. Get or create its checkout session (the cart goes to Status Checkout).
    SESSION=$(sf "$API/actions/standard/checkoutSessionAction" \
      -d "$(jq -nc --arg c "$CART" '{inputs: [{cartId: $c}]}')" | jq -r '.[0].outputValues.requestId')
    echo "$SESSION"

    # 4. Step through the flow. update moves the session: a screen state advances at once, a task
    #    state records NextState and waits for its task; task starts the current state's task and,
    #    with runAsync false, returns when it has finished.
    update() { sf "$API/actions/standard/updateCheckoutSessionStateAction" \
      -d "$(jq -nc --arg s "$SESSION" --arg e "$1" --arg n "$2" '{inputs: [{checkoutSessionId: $s, expCurrentState: $e, nextState: $n}]}')"; }
    task() { sf "$API/actions/standard/$1" -d "$(jq -nc --arg c "$CART" '{inputs: [{cartId: $c, runAsync: false}]}')"; }

    update "Start" "Inventory"
    sf -G "$API/query" --data-urlencode "q=SELECT Id, State, NextState, IsProcessing FROM CartCheckoutSession WHERE WebCartId = '$CART' AND IsArchived = false"
    update "Inventory" "Confirm Price";                        task checkCartInventoryAction
    update "Confirm Price" "Calculate Promotions";             task priceCart
    update "Calculate Promotions" "Shipping Cost";             task calcCartPromotionsAction
    update "Shipping Cost" "Delivery Method";                  task calcCartShipmentAction
    update "Delivery Method" "Taxes"
    update "Taxes" "Payment And Billing Address";              task calcCartTaxesAction
    update "Payment And Billing Address" "Checkout Summary"
    update "Checkout Summary" "Cart To Order"
    update "Cart To Order" "Authorize Payment";                task cartToOrderAction
    update "Authorize Payment" "Activate Order"
    update "Activate Order" "Order Confirmation"

    # 5. Activate the draft order: the session is archived in Order Confirmation, the cart is Closed.
    sf "$API/actions/standard/activateOrderAction" \
      -d "$(jq -nc --arg c "$CART" '{inputs: [{cartId: $c, orderStatus: "Activated", runAsync: false}]}')"
    sf "$API/sobjects/CartCheckoutSession/$SESSION?fields=State,IsArchived,OrderId"

    # 6. The activated order and its order summary.
    ORDER=$(sf "$API/sobjects/CartCheckoutSession/$SESSION" | jq -r .OrderId)
    sf "$API/sobjects/Order/$ORDER?fields=OrderNumber,Status,TotalAmount"
    sf -G "$API/query" --data-urlencode "q=SELECT Id, OriginalOrderId, OrderLifeCycleType, Status FROM OrderSummary WHERE OriginalOrderId = '$ORDER'"
    """;
}
