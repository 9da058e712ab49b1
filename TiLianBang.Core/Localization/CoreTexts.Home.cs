namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of the mini-program's home (banners, to-do counts), work specifications and messages.</summary>
    private static (string Chinese, string English)[] Home() =>
    [
        ("请上传轮播图片。", "Please upload the banner picture."),
        ("标题应为 1–60 个字符。", "The title must be 1–60 characters."),
        ("链接应为以 / 开头的小程序页面路径或 https:// 地址。", "The link must be a mini-program page path starting with / or an https:// address."),
        ("排序应在 0 到 9999 之间。", "The order must be between 0 and 9999."),
        ("结束日期不能早于开始日期。", "The last day cannot be before the first day."),
        ("轮播图不存在或已删除。", "The banner does not exist or was deleted."),
        ("请输入 2–32 个字符的电梯编号。", "Enter 2–32 characters of an elevator number."),
        ("消息不存在或无权查看。", "The message does not exist or is not visible to you."),
        ("PDF 文件不能超过 20 MB。", "The PDF cannot be larger than 20 MB."),
        ("只能上传 PDF 文件。", "Only PDF files can be uploaded."),
        ("标题应为 1–100 个字符。", "The title must be 1–100 characters."),
        ("正文最多 20000 字。", "The text can hold at most 20000 characters."),
        ("请填写正文或上传 PDF 文件。", "Please write the text or upload a PDF."),
        ("您没有工作规范的管理权限。", "You may not manage work specifications."),
        ("工作规范不存在或无权查看。", "The work specification does not exist or is not visible to you."),
        ("请选择 PDF 文件。", "Please choose a PDF file."),
    ];
}
