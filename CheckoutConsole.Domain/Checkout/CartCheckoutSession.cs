using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Domain.Checkout;

public sealed class CartCheckoutSession : IVersioned
{
    private CartCheckoutSession() { }

    public string Id { get; private set; } = default!;
    public string Name { get; private set; } = default!;
    public string WebCartId { get; private set; } = default!;
    public string State { get; private set; } = CheckoutFlow.Start;
    public string? NextState { get; private set; }
    public bool IsProcessing { get; private set; }
    public bool IsError { get; private set; }
    public bool IsArchived { get; private set; }
    public string? BackgroundOperationId { get; private set; }
    public string? OrderId { get; private set; }
    public DateTime CreatedDate { get; private set; }
    public DateTime LastModifiedDate { get; private set; }
    public int Version { get; set; }

    public static CartCheckoutSession Create(IdSequences ids, string cartId, string initialState, DateTime now) =>
        new()
        {
            Id = ids.Next(KeyPrefixes.CartCheckoutSession),
            Name = "Checkout " + now.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            WebCartId = cartId,
            State = initialState,
            CreatedDate = now,
            LastModifiedDate = now,
        };

    /// <summary>The compare-and-set of updateCheckoutSessionAction, after its checks passed.</summary>
    public void RequestNextState(string nextState, DateTime now)
    {
        if (CheckoutFlow.IsTaskState(State))
        {
            NextState = nextState;
        }
        else
        {
            State = nextState;
            NextState = null;
        }

        LastModifiedDate = now;
    }

    public void StartTask(string operationId, DateTime now)
    {
        IsProcessing = true;
        BackgroundOperationId = operationId;
        LastModifiedDate = now;
    }

    public void CompleteTask(DateTime now)
    {
        State = NextState ?? CheckoutFlow.NextOf(State) ?? State;
        NextState = null;
        IsProcessing = false;
        LastModifiedDate = now;
    }

    public void FailTask(DateTime now)
    {
        State = CheckoutFlow.Error;
        NextState = null;
        IsProcessing = false;
        IsError = true;
        LastModifiedDate = now;
    }

    public void AttachOrder(string orderId, DateTime now)
    {
        OrderId = orderId;
        LastModifiedDate = now;
    }

    public void Archive(DateTime now)
    {
        IsArchived = true;
        IsProcessing = false;
        LastModifiedDate = now;
    }

    /// <summary>A flow's plain record update (PATCH, or the admin console's field editor).</summary>
    public void SetFields(string? state, string? nextState, bool setNextState, bool? isProcessing, DateTime now)
    {
        if (state is not null)
        {
            State = state;
        }

        if (setNextState)
        {
            NextState = nextState;
        }

        if (isProcessing is not null)
        {
            IsProcessing = isProcessing.Value;
        }

        LastModifiedDate = now;
    }
}
