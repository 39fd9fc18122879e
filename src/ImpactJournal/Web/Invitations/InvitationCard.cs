using QRCoder;

namespace ImpactJournal.Web;

/// <summary>A QR code of an invitation's link, drawn as SVG by the server so it prints sharp and needs no script.</summary>
public static class InvitationCard
{
    public static string QrSvg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(240, 240), "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
