using System.Text;

namespace TiLianBang.Core.Auditing;

/// <summary>
/// The name people know a logged field by (a localizer key, Chinese). A name for one entity wins over the common
/// name of a property; a property nobody named yet is spelled out from its C# name rather than shown raw.
/// </summary>
public static class AuditFieldNames
{
    private static readonly Dictionary<string, string> ByEntity = new(StringComparer.Ordinal)
    {
        ["Account.UserName"] = "用户名",
        ["Account.NormalizedUserName"] = "用户名",
        ["Account.DisplayName"] = "姓名",
        ["Account.CompanyId"] = "所属单位",
        ["Account.RoleId"] = "角色",
        ["Account.Language"] = "界面语言",
        ["Account.LockoutEnd"] = "锁定",
        ["Account.LockoutEnabled"] = "锁定",
        ["Account.WeChatOpenId"] = "微信绑定",
        ["Account.AccessFailedCount"] = "登录失败次数",
        ["Account.NormalizedEmail"] = "邮箱",
        ["Account.EmailConfirmed"] = "邮箱已验证",
        ["Account.PhoneNumberConfirmed"] = "手机号已验证",
        ["Account.TwoFactorEnabled"] = "两步验证",
        ["Account.LastSignInAtUtc"] = "最近登录",
        ["Company.Kind"] = "单位类型",
        ["Company.Name"] = "单位名称",
        ["Community.Name"] = "小区名称",
        ["Elevator.Number"] = "电梯编号",
        ["Elevator.Name"] = "电梯名称",
        ["Elevator.Type"] = "电梯类型",
        ["Device.DeviceId"] = "设备编号",
        ["Device.CompanyId"] = "所属单位",
        ["Device.ElevatorId"] = "绑定电梯",
        ["Role.Name"] = "角色名称",
        ["RepairOrder.State"] = "工单状态",
        ["RepairOrder.Description"] = "故障描述",
        ["MaintenanceOrder.State"] = "工单状态",
        ["MaintenanceOrder.Notes"] = "维保备注",
        ["MaintenanceOrderItem.Note"] = "备注",
        ["MaintenanceGroup.Name"] = "小组名称",
        ["FaultCode.Name"] = "故障名称",
        ["FaultCode.Kind"] = "故障类别",
        ["ParameterSpec.Code"] = "功能码",
        ["ParameterSpec.Name"] = "参数名称",
        ["ParameterCategory.Name"] = "分类名称",
        ["IoPointName.Name"] = "名称",
        ["EscalationLevel.Target"] = "通知对象",
        ["ExpiryWarning.Subject"] = "预警内容",
    };

    private static readonly Dictionary<string, string> Common = new(StringComparer.Ordinal)
    {
        [AuditSecrets.Credentials] = "凭据（已隐藏）",
        ["Name"] = "名称",
        ["Number"] = "编号",
        ["Code"] = "代码",
        ["Description"] = "描述",
        ["Note"] = "备注",
        ["Notes"] = "备注",
        ["State"] = "状态",
        ["Kind"] = "类型",
        ["Region"] = "所在地区",
        ["Address"] = "地址",
        ["ContactPerson"] = "联系人",
        ["ContactPhone"] = "联系电话",
        ["PhoneNumber"] = "手机号",
        ["Email"] = "邮箱",
        ["UnitCategory"] = "单位类别",
        ["CreditCode"] = "统一社会信用代码",
        ["Latitude"] = "纬度",
        ["Longitude"] = "经度",
        ["CompanyId"] = "所属单位",
        ["ElevatorId"] = "电梯",
        ["CommunityId"] = "小区",
        ["UserUnitId"] = "使用单位",
        ["MaintenanceCompanyId"] = "维保单位",
        ["ManufacturerId"] = "制造单位",
        ["InspectionAgencyId"] = "检验机构",
        ["RegisterCode"] = "注册代码",
        ["Variety"] = "设备品种",
        ["UsagePlace"] = "使用场所",
        ["RenovationUnit"] = "改造单位",
        ["FactoryNumber"] = "出厂编号",
        ["Brand"] = "品牌",
        ["Model"] = "型号",
        ["Floors"] = "层",
        ["Stops"] = "站",
        ["Doors"] = "门",
        ["RatedSpeed"] = "额定速度",
        ["RatedLoad"] = "额定载重量",
        ["InstallDate"] = "安装日期",
        ["RegistrationAuthority"] = "登记机关",
        ["LastInspectionDate"] = "上次检验日期",
        ["NextInspectionDate"] = "下次检验日期",
        ["MaintenanceContractStartDate"] = "维保合同开始日期",
        ["MaintenanceContractEndDate"] = "维保合同到期日期",
        ["Cameras"] = "视频参数",
        ["Components"] = "部件列表",
        ["FloorLabels"] = "楼层名称",
        ["Channel"] = "通道号",
        ["Permissions"] = "权限",
        ["FaultCode"] = "故障代码",
        ["PassengersTrapped"] = "困人",
        ["Occurrences"] = "发生次数",
        ["FaultClearedAtUtc"] = "故障恢复时间",
        ["AssignedWorkerId"] = "指派维保人员",
        ["WorkerId"] = "维保人员",
        ["GroupId"] = "维保小组",
        ["LeaderId"] = "组长",
        ["MemberIds"] = "组员",
        ["CreatedAtUtc"] = "创建时间",
        ["AcceptedAtUtc"] = "接警时间",
        ["AssignedAtUtc"] = "指派时间",
        ["SignedInAtUtc"] = "签到时间",
        ["SignInLatitude"] = "签到位置",
        ["SignInLongitude"] = "签到位置",
        ["SubmittedAtUtc"] = "提交时间",
        ["ClosedAtUtc"] = "关闭时间",
        ["ConfirmedAtUtc"] = "确认时间",
        ["ConfirmedById"] = "确认人",
        ["ConfirmedByName"] = "确认人",
        ["ConfirmationNote"] = "确认意见",
        ["Cause"] = "故障原因",
        ["ActionsTaken"] = "处理措施",
        ["FaultAttribute"] = "故障属性",
        ["CancelReason"] = "取消原因",
        ["EscalatedLevel"] = "上报级别",
        ["Mode"] = "保养方式",
        ["Period"] = "保养周期",
        ["StartDate"] = "开始日期",
        ["DueOn"] = "应完成日期",
        ["DueReason"] = "依据",
        ["UpdatedAtUtc"] = "更新时间",
        ["Requirement"] = "基本要求",
        ["NeedsPhoto"] = "需拍照",
        ["Result"] = "结果",
        ["Severity"] = "严重程度",
        ["CreatesOrder"] = "生成工单",
        ["Advice"] = "处理建议",
        ["Unit"] = "单位",
        ["Minimum"] = "最小值",
        ["Maximum"] = "最大值",
        ["CategoryId"] = "分类",
        ["ParentId"] = "上级分类",
        ["SortOrder"] = "排序",
        ["Level"] = "级别",
        ["Target"] = "通知对象",
        ["AfterMinutes"] = "报警后分钟数",
        ["Index"] = "序号",
        ["MustChangePassword"] = "须修改密码",
        ["GeofenceRadiusMeters"] = "签到范围",
        ["WarningLeadDays"] = "预警提前天数",
        ["EscalationDefaultMinutes"] = "5级上报默认时间",
        ["GenerationHorizonDays"] = "工单生成提前天数",
        ["OnDemandMaxIntervalDays"] = "按需维保最长间隔",
        ["OnDemandRunsThreshold"] = "按需维保运行次数阈值",
        ["OnDemandRunHoursThreshold"] = "按需维保运行时间阈值",
        ["OnDemandFaultThreshold"] = "按需维保故障次数阈值",
    };

    /// <summary>The localizer key of a known field, or null; never called for secret fields (the caller drops them).</summary>
    public static string? KeyOf(string entity, string property) =>
        ByEntity.GetValueOrDefault($"{entity}.{property}") ?? Common.GetValueOrDefault(property);

    /// <summary>"FaultClearedAtUtc" → "Fault cleared at": readable in either language, better than the raw name.</summary>
    public static string Humanize(string property)
    {
        var name = property.EndsWith("Utc", StringComparison.Ordinal) && property.Length > 3 ? property[..^3] : property;
        if (name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2)
        {
            name = name[..^2];
        }
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                text.Append(' ');
                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(i == 0 ? char.ToUpperInvariant(c) : c);
            }
        }
        return text.ToString();
    }
}
