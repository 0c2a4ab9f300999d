using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coop.Domain.Actions;

/// <summary>The kinds of runtime input an action takes (Coop 1.0's STRING, NUMBER, BOOLEAN, SELECT, MULTISELECT).</summary>
[JsonConverter(typeof(ActionParameterTypeJsonConverter))]
public enum ActionParameterType
{
#pragma warning disable CA1720 // The members are Coop 1.0's wire names (STRING, BOOLEAN …).
    String,
    Number,
    Boolean,
    Select,
    Multiselect,
#pragma warning restore CA1720
}

/// <summary>Writes and reads the types by their wire names (STRING … MULTISELECT).</summary>
public sealed class ActionParameterTypeJsonConverter() : JsonStringEnumConverter<ActionParameterType>(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false);
