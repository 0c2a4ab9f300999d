using Coop.Domain.Signals;

namespace Coop.Tests.Integration.Docs;

// docs:signal-example begin (this file is docs/integrations/signal-plugins.md's example, word for word)
/// <summary>
/// <c>example.shouting</c>: the share of letters in a text that are capitals, from 0 to 1
/// ("BUY NOW!!!" scores 1). A rule compares it with a threshold: "Shouting is greater than 0.8".
/// </summary>
public sealed class ShoutingSignal : ISignal
{
    public SignalManifest Manifest { get; } = new(
        Id: "example.shouting",
        Name: "Shouting",
        Description: "The share of the text's letters that are capitals, 0 to 1.",
        Output: SignalOutputType.Number,
        Inputs: [SignalValueKind.Text],
        Matching: SignalMatching.None,
        Cost: 0);

    public ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var letters = request.Value.Count(char.IsLetter);
        if (letters == 0)
        {
            return ValueTask.FromResult(SignalResult.Failed("The text has no letters."));
        }

        var capitals = request.Value.Count(char.IsUpper);
        return ValueTask.FromResult(SignalResult.Number((double)capitals / letters));
    }
}
// docs:signal-example end
