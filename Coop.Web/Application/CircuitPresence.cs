using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Coop.Web.Application;

/// <summary>Scoped flag: true when the current DI scope belongs to a Blazor circuit.</summary>
internal sealed class CircuitPresence
{
    public bool IsInCircuit { get; private set; }

    public void MarkInCircuit() => IsInCircuit = true;
}

/// <summary>Marks circuit scopes before any component of the circuit runs.</summary>
internal sealed class CircuitPresenceHandler(CircuitPresence presence) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.MarkInCircuit();
        return Task.CompletedTask;
    }
}
