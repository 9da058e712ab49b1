using QRCoder;

namespace TiLianBang.Web.Features.Elevators;

/// <summary>
/// ARC-2: the QR code printed in the car opens the elevator's public page. Its address starts with
/// <c>App:PublicBaseUrl</c> (what phones outside the office can reach), or with the address the office uses.
/// </summary>
public sealed class QrCodes(IConfiguration configuration)
{
    public string PublicUrl(string requestBase, string token)
    {
        var root = configuration["App:PublicBaseUrl"] is { Length: > 0 } configured ? configured : requestBase;
        return $"{root.TrimEnd('/')}/e/{token}";
    }

    public string PublicUrl(HttpRequest request, string token) => PublicUrl($"{request.Scheme}://{request.Host}{request.PathBase}", token);

    public string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }
}
