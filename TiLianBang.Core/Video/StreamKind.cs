namespace TiLianBang.Core.Video;

/// <summary>How a browser plays a camera's address: each kind has its own player in <c>video.js</c>.</summary>
public enum StreamKind
{
    /// <summary>HTTP Live Streaming (.m3u8), played by hls.js.</summary>
    Hls = 1,
    /// <summary>HTTP-FLV, played by mpegts.js.</summary>
    Flv = 2,
    /// <summary>WebRTC through WHEP (an HTTP offer/answer exchange).</summary>
    Whep = 3,
    /// <summary>Motion JPEG (multipart/x-mixed-replace), shown by an image element.</summary>
    Mjpeg = 4,
    /// <summary>
    /// JPEG frames as binary WebSocket messages (the demo cameras): a page holding it open still counts as idle for
    /// tools that wait for the network to settle, and the server learns at once that the viewer left.
    /// </summary>
    JpegSocket = 5,
}
