namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>
    /// Texts of 设备调试 over the API (finding, binding and watching a collector), of fault reports with photos and of
    /// the mini-program's work lists (categories, days).
    /// </summary>
    private static (string Chinese, string English)[] DeviceDebug() =>
    [
        ("请选择要绑定的电梯。", "Choose the elevator to bind."),
        ("请选择电梯。", "Choose an elevator."),
        ("最多上传 {0} 张照片。", "At most {0} photos can be uploaded."),
        ("请以 multipart/form-data 提交故障上报。", "Send the fault report as multipart/form-data."),
        ("是否困人须为 true 或 false。", "Passengers trapped must be true or false."),
        ("分类须为 waiting（待接警）、processing（处理中）或 done（已完成）。", "The category must be waiting, processing or done."),
        ("分类须为 today（今日）、overdue（逾期）或 done（已完成）。", "The category must be today, overdue or done."),
        ("日期须为 today 或 yyyy-MM-dd。", "The day must be today or yyyy-MM-dd."),
    ];
}
