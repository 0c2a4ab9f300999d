using System.Globalization;
using System.Text;
using System.Xml;

namespace Coop.Infrastructure.ChildSafety;

/// <summary>
/// A parsed <c>&lt;reportResponse&gt;</c> or <c>&lt;reportDoneResponse&gt;</c>. Parsed with DTDs prohibited and no
/// resolver: a response carrying a DOCTYPE is refused, never expanded.
/// </summary>
internal sealed record CyberTipResponse(
    string Root, int? ResponseCode, string? ResponseDescription, string? ReportId, string? FileId, string? Hash, IReadOnlyList<string> FileIds)
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = 1024 * 1024,
        MaxCharactersFromEntities = 0,
    };

    /// <summary>Parses <paramref name="body"/>; null with <paramref name="problem"/> set when it is not such a document.</summary>
    public static CyberTipResponse? TryParse(byte[] body, out string? problem)
    {
        problem = null;
        if (body.Length == 0)
        {
            problem = "the response was empty";
            return null;
        }

        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            reader.MoveToContent();
            var root = reader.LocalName;
            if (root is not ("reportResponse" or "reportDoneResponse"))
            {
                problem = "the response was not a CyberTipline response document";
                return null;
            }

            int? code = null;
            string? description = null, reportId = null, fileId = null, hash = null;
            var files = new List<string>();
            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "responseCode":
                        var text = reader.ReadElementContentAsString().Trim();
                        code = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
                        break;
                    case "responseDescription":
                        description = reader.ReadElementContentAsString();
                        break;
                    case "reportId":
                        reportId = reader.ReadElementContentAsString().Trim();
                        break;
                    case "fileId" when reader.Depth == depth + 1:
                        fileId = reader.ReadElementContentAsString().Trim();
                        break;
                    case "fileId":
                        files.Add(reader.ReadElementContentAsString().Trim());
                        break;
                    case "hash":
                        hash = reader.ReadElementContentAsString().Trim();
                        break;
                    case "files":
                        reader.Read();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return new CyberTipResponse(root, code, description, reportId, fileId, hash, files);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            problem = "the response carried a document type declaration, which is refused";
            return null;
        }
        catch (XmlException)
        {
            problem = "the response was not well-formed XML";
            return null;
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; null when the body is longer.</summary>
    public static async Task<byte[]?> ReadCappedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static string Decode(byte[] body) => new UTF8Encoding(false, false).GetString(body);
}
