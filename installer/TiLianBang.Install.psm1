#Requires -Version 5.1
# What install.ps1, upgrade.ps1 and uninstall.ps1 share. Written for Windows PowerShell 5.1 (what a Windows Server
# has) and PowerShell 7; the Pester tests (installer/tests) run it on PowerShell 7 with the Windows-only commands
# mocked, which is why every call of sc.exe and icacls goes through a function of its own here.
Set-StrictMode -Version 3.0

$script:ServiceName = 'TiLianBang'
$script:ServiceAccount = 'NT SERVICE\TiLianBang'
$script:FirewallGroup = 'TiLianBang'
$script:ConfigFileName = 'appsettings.Production.json'
# SIDs, not names: the names of SYSTEM and Administrators are translated on a Chinese Windows.
$script:SystemSid = '*S-1-5-18'
$script:AdministratorsSid = '*S-1-5-32-544'

function Get-TiLianBangServiceName { $script:ServiceName }

# ---------------------------------------------------------------------------------------------------------------
# Wrappers around Windows-only programs (mocked by the tests)
# ---------------------------------------------------------------------------------------------------------------

function Test-Elevated {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    return ([Security.Principal.WindowsPrincipal]::new($identity)).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

function Invoke-Sc {
    param([Parameter(Mandatory)][string[]] $Arguments)
    $output = & sc.exe @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "sc.exe $($Arguments -join ' ') failed ($LASTEXITCODE): $output"
    }
}

function Invoke-Icacls {
    param([Parameter(Mandatory)][string[]] $Arguments)
    $output = & icacls.exe @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "icacls $($Arguments -join ' ') failed ($LASTEXITCODE): $output"
    }
}

# The backup and restore verbs of the installed program (TiLianBang.Web.exe backup --to DIR / restore --from DIR).
# Run from the program folder: a console start takes its content root, and so appsettings.Production.json, from
# the current directory. Bounded in time: a program without the verb would start as a server and never return.
function Invoke-TiLianBangVerb {
    param(
        [Parameter(Mandatory)][string] $InstallDirectory,
        [Parameter(Mandatory)][string[]] $Arguments,
        [int] $TimeoutSeconds = 1800
    )
    $exe = Join-Path $InstallDirectory 'TiLianBang.Web.exe'
    $log = [IO.Path]::GetTempFileName()
    $errors = [IO.Path]::GetTempFileName()
    try {
        $quoted = @($Arguments | ForEach-Object { if ($_ -match '\s') { '"' + $_ + '"' } else { $_ } })
        $process = Start-Process -FilePath $exe -ArgumentList $quoted -WorkingDirectory $InstallDirectory -NoNewWindow -PassThru `
            -RedirectStandardOutput $log -RedirectStandardError $errors
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill()
            throw "TiLianBang.Web.exe $($Arguments -join ' ') did not finish within $TimeoutSeconds s."
        }
        # The timed wait returns when the process ends, possibly before its redirected output is all written to the
        # files; the untimed wait also waits for that (the .NET documentation's advice for WaitForExit(int)).
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) {
            throw "TiLianBang.Web.exe $($Arguments -join ' ') failed ($($process.ExitCode)): $(Get-Content -Raw $errors) $(Get-Content -Raw $log)"
        }
    }
    finally {
        Remove-Item $log, $errors -ErrorAction SilentlyContinue
    }
}

function Assert-Elevated {
    param([string] $Script = 'This script')
    if (-not (Test-Elevated)) {
        throw "$Script must run as Administrator: open PowerShell with 'Run as administrator' and start it again."
    }
}

# ---------------------------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------------------------

function ConvertTo-PlainText {
    param([System.Security.SecureString] $Secure)
    if ($null -eq $Secure) { return '' }
    return [System.Net.NetworkCredential]::new('', $Secure).Password
}

# The rules of the application's password policy (Core/Accounts/AccountsServiceCollectionExtensions.cs): checked
# here so that a weak password stops the installation before the service fails at its first start.
function Test-PasswordPolicy {
    param([string] $Password)
    $problems = @()
    if ($Password.Length -lt 8) { $problems += 'at least 8 characters' }
    if ($Password -notmatch '\d') { $problems += 'at least one digit' }
    if (@($Password.ToCharArray() | Select-Object -Unique).Count -lt 4) { $problems += 'at least 4 different characters' }
    return $problems
}

# Every cross-parameter rule of install.ps1; returns the list of problems (empty when the settings are good).
function Test-InstallSettings {
    param([Parameter(Mandatory)][hashtable] $Settings)
    $s = $Settings
    $problems = [System.Collections.Generic.List[string]]::new()
    $https = -not [string]::IsNullOrWhiteSpace($s.CertificatePath)

    if ($s.DatabaseProvider -notin @('Sqlite', 'SqlServer')) {
        $problems.Add("-DatabaseProvider must be Sqlite or SqlServer, not '$($s.DatabaseProvider)'.")
    }
    if ($s.DatabaseProvider -eq 'SqlServer' -and [string]::IsNullOrWhiteSpace($s.ConnectionString)) {
        $problems.Add('-DatabaseProvider SqlServer needs -ConnectionString (e.g. "Server=sql01;Database=TiLianBang;User Id=tilianbang;Password=...;TrustServerCertificate=True").')
    }
    if ($s.DatabaseProvider -eq 'Sqlite' -and -not [string]::IsNullOrWhiteSpace($s.ConnectionString)) {
        $problems.Add('-ConnectionString is for SqlServer; SQLite keeps its database in the data folder.')
    }
    foreach ($p in @('HttpPort', 'HttpsPort', 'MqttPort', 'MqttTlsPort')) {
        if ($s[$p] -lt 0 -or $s[$p] -gt 65535) {
            $problems.Add("-$p must be between 1 and 65535 (0 turns it off), not $($s[$p]).")
        }
    }
    if ($s.HttpPort -eq 0 -and -not $https) {
        $problems.Add('Nothing to serve on: -HttpPort is 0 and no -CertificatePath turns HTTPS on.')
    }
    $used = @{}
    foreach ($endpoint in Get-TiLianBangEndpoints -Settings $s) {
        if ($used.ContainsKey($endpoint.Port)) {
            $problems.Add("Port $($endpoint.Port) is given to both $($used[$endpoint.Port]) and $($endpoint.Name).")
        }
        else {
            $used[$endpoint.Port] = $endpoint.Name
        }
    }
    $problems.AddRange([string[]]@(Test-PasswordPolicy $s.AdminPassword | ForEach-Object { "-AdminPassword needs $_ (the application's password policy)." }))
    if (-not [string]::IsNullOrWhiteSpace($s.PublicBaseUrl)) {
        $uri = $null
        if (-not [Uri]::TryCreate($s.PublicBaseUrl, [UriKind]::Absolute, [ref] $uri) -or $uri.Scheme -notin @('http', 'https')) {
            $problems.Add("-PublicBaseUrl must be an absolute http(s) address such as https://elevator.example.com, not '$($s.PublicBaseUrl)'.")
        }
    }
    if ($https) {
        if (-not (Test-Path -LiteralPath $s.CertificatePath -PathType Leaf)) {
            $problems.Add("-CertificatePath: no file at '$($s.CertificatePath)'.")
        }
        else {
            try {
                $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new(
                    [IO.File]::ReadAllBytes((Resolve-Path -LiteralPath $s.CertificatePath).ProviderPath), $s.CertificatePassword)
                if (-not $certificate.HasPrivateKey) {
                    $problems.Add('-CertificatePath: the PFX holds no private key; export the certificate with its key.')
                }
                elseif ($certificate.NotAfter -lt (Get-Date)) {
                    $problems.Add("-CertificatePath: the certificate expired on $($certificate.NotAfter.ToString('yyyy-MM-dd')).")
                }
            }
            catch {
                $problems.Add("-CertificatePath: cannot open the PFX with the given -CertificatePassword ($($_.Exception.Message.Trim())).")
            }
        }
    }
    if ($s.MqttMode -notin @('Embedded', 'External')) {
        $problems.Add("-MqttMode must be Embedded or External, not '$($s.MqttMode)'.")
    }
    if ($s.MqttMode -eq 'External' -and [string]::IsNullOrWhiteSpace($s.MqttExternalHost)) {
        $problems.Add('-MqttMode External needs -MqttExternalHost (the EMQX or Mosquitto broker).')
    }
    return , $problems.ToArray()
}

# What the installation listens on, as configured: the firewall opens exactly these.
function Get-TiLianBangEndpoints {
    param([Parameter(Mandatory)][hashtable] $Settings)
    $s = $Settings
    $https = -not [string]::IsNullOrWhiteSpace($s.CertificatePath)
    $endpoints = @()
    if ($s.HttpPort -gt 0) { $endpoints += [pscustomobject]@{ Name = 'HTTP'; Port = [int] $s.HttpPort } }
    if ($https -and $s.HttpsPort -gt 0) { $endpoints += [pscustomobject]@{ Name = 'HTTPS'; Port = [int] $s.HttpsPort } }
    # An external broker takes the devices' connections; the embedded one is then off and needs no open port.
    if ($s.MqttMode -ne 'External') {
        if ($s.MqttPort -gt 0) { $endpoints += [pscustomobject]@{ Name = 'MQTT'; Port = [int] $s.MqttPort } }
        if ($https -and $s.MqttTlsPort -gt 0) { $endpoints += [pscustomobject]@{ Name = 'MQTTS'; Port = [int] $s.MqttTlsPort } }
    }
    return $endpoints
}

# The keys the application reads (TiLianBang.Web/appsettings.json, Hosting/AppPaths.cs, Kestrel's own section).
function New-TiLianBangAppSettings {
    param(
        [Parameter(Mandatory)][hashtable] $Settings,
        [Parameter(Mandatory)][string] $DataDirectory,
        [string] $InstalledCertificatePath
    )
    $s = $Settings
    $https = -not [string]::IsNullOrWhiteSpace($s.CertificatePath)
    $app = [ordered]@{ DataDirectory = $DataDirectory }
    if ($s.PublicBaseUrl) { $app.PublicBaseUrl = $s.PublicBaseUrl.TrimEnd('/') }
    $config = [ordered]@{
        App      = $app
        Database = [ordered]@{ Provider = $s.DatabaseProvider }
    }
    if ($s.DatabaseProvider -eq 'SqlServer') {
        $config.ConnectionStrings = [ordered]@{ TiLianBang = $s.ConnectionString }
    }
    $config.Demo = [ordered]@{ Enabled = $false }
    $config.Admin = [ordered]@{ InitialPassword = $s.AdminPassword }

    $endpoints = [ordered]@{}
    if ($s.HttpPort -gt 0) { $endpoints.Http = [ordered]@{ Url = "http://*:$($s.HttpPort)" } }
    if ($https -and $s.HttpsPort -gt 0) {
        $endpoints.Https = [ordered]@{
            Url         = "https://*:$($s.HttpsPort)"
            Certificate = [ordered]@{ Path = $InstalledCertificatePath; Password = $s.CertificatePassword }
        }
    }
    $config.Kestrel = [ordered]@{ Endpoints = $endpoints }

    if ($s.MqttMode -eq 'External') {
        $config.Mqtt = [ordered]@{
            Mode     = 'External'
            External = [ordered]@{
                Host     = $s.MqttExternalHost
                Port     = [int] $s.MqttExternalPort
                UserName = $s.MqttExternalUserName
                Password = $s.MqttExternalPassword
                UseTls   = [bool] $s.MqttExternalUseTls
            }
        }
    }
    else {
        $mqtt = [ordered]@{ Port = [int] $s.MqttPort }
        if ($https -and $s.MqttTlsPort -gt 0) {
            $mqtt.TlsPort = [int] $s.MqttTlsPort
            $mqtt.CertificatePath = $InstalledCertificatePath
            $mqtt.CertificatePassword = $s.CertificatePassword
        }
        $config.Mqtt = $mqtt
    }
    return $config
}

function Write-JsonFile {
    param([Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)] $Value)
    $json = $Value | ConvertTo-Json -Depth 10
    # No byte-order mark: some tools that read the file after us (and people's editors) stumble over one.
    [IO.File]::WriteAllText($Path, $json, [Text.UTF8Encoding]::new($false))
}

function Read-TiLianBangConfig {
    param([Parameter(Mandatory)][string] $InstallDirectory)
    $path = Join-Path $InstallDirectory $script:ConfigFileName
    if (-not (Test-Path -LiteralPath $path)) { return $null }
    return Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
}

# The address this machine itself reaches the service at, for the health check.
function Get-TiLianBangHealthUrl {
    param([Parameter(Mandatory)] $Config)
    $endpoints = $Config.Kestrel.Endpoints
    $http = $endpoints.PSObject.Properties['Http']
    $target = if ($http) { $http.Value.Url } else { $endpoints.Https.Url }
    return ($target -replace '://(\*|\+|0\.0\.0\.0|\[::\])', '://localhost').TrimEnd('/') + '/health'
}

# ---------------------------------------------------------------------------------------------------------------
# Windows: service, rights, firewall, health
# ---------------------------------------------------------------------------------------------------------------

function Register-TiLianBangService {
    param([Parameter(Mandatory)][string] $InstallDirectory)
    $exe = Join-Path $InstallDirectory 'TiLianBang.Web.exe'
    New-Service -Name $script:ServiceName -BinaryPathName "`"$exe`"" -DisplayName '梯连帮 TiLianBang' `
        -Description 'TiLianBang elevator IoT platform (web, API, MQTT).' -StartupType Automatic | Out-Null
    # A virtual account: no password to keep, and rights only where this installer grants them.
    Invoke-Sc -Arguments @('config', $script:ServiceName, 'obj=', $script:ServiceAccount)
    # Restart after a crash (10 s, 10 s, then 60 s), counting failures afresh after a day; failureflag makes an
    # exit with an error code count as a failure too, not only a crash.
    Invoke-Sc -Arguments @('failure', $script:ServiceName, 'reset=', '86400', 'actions=', 'restart/10000/restart/10000/restart/60000')
    Invoke-Sc -Arguments @('failureflag', $script:ServiceName, '1')
}

function Unregister-TiLianBangService {
    if (Get-Service -Name $script:ServiceName -ErrorAction SilentlyContinue) {
        Stop-TiLianBangService
        # sc.exe: Remove-Service does not exist in Windows PowerShell 5.1.
        Invoke-Sc -Arguments @('delete', $script:ServiceName)
    }
}

function Stop-TiLianBangService {
    $service = Get-Service -Name $script:ServiceName -ErrorAction SilentlyContinue
    if ($service -and $service.Status -ne 'Stopped') {
        Stop-Service -Name $script:ServiceName -Force
    }
}

# The service account reads the program and owns its data folder; nobody but administrators and SYSTEM can read
# the configuration (connection string, certificate password) or the data (database, keys).
function Grant-TiLianBangAccess {
    param([Parameter(Mandatory)][string] $InstallDirectory, [Parameter(Mandatory)][string] $DataDirectory)
    $account = $script:ServiceAccount
    Invoke-Icacls -Arguments @($DataDirectory, '/inheritance:r', '/grant:r',
        "$($script:SystemSid):(OI)(CI)F", "$($script:AdministratorsSid):(OI)(CI)F", "$($account):(OI)(CI)M")
    Invoke-Icacls -Arguments @($InstallDirectory, '/grant', "$($account):(OI)(CI)RX")
    Protect-TiLianBangConfig -InstallDirectory $InstallDirectory
}

function Protect-TiLianBangConfig {
    param([Parameter(Mandatory)][string] $InstallDirectory)
    Invoke-Icacls -Arguments @((Join-Path $InstallDirectory $script:ConfigFileName), '/inheritance:r', '/grant:r',
        "$($script:SystemSid):F", "$($script:AdministratorsSid):F", "$($script:ServiceAccount):R")
}

function Open-TiLianBangFirewall {
    param([Parameter(Mandatory)][AllowEmptyCollection()][object[]] $Endpoints)
    Close-TiLianBangFirewall
    foreach ($endpoint in $Endpoints) {
        New-NetFirewallRule -Name "TiLianBang-$($endpoint.Name)" -DisplayName "TiLianBang $($endpoint.Name) (TCP $($endpoint.Port))" `
            -Group $script:FirewallGroup -Direction Inbound -Protocol TCP -LocalPort $endpoint.Port -Action Allow -Profile Any | Out-Null
    }
}

function Close-TiLianBangFirewall {
    if (Get-NetFirewallRule -Group $script:FirewallGroup -ErrorAction SilentlyContinue) {
        Remove-NetFirewallRule -Group $script:FirewallGroup
    }
}

function Invoke-HealthRequest {
    param([Parameter(Mandatory)][string] $Url)
    if ($Url.StartsWith('https:') -and $PSVersionTable.PSVersion.Major -ge 6) {
        # The certificate names the public host, not localhost.
        return Invoke-WebRequest -Uri $Url -UseBasicParsing -TimeoutSec 5 -SkipCertificateCheck
    }
    if ($Url.StartsWith('https:')) {
        $previous = [Net.ServicePointManager]::ServerCertificateValidationCallback
        [Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }
        try { return Invoke-WebRequest -Uri $Url -UseBasicParsing -TimeoutSec 5 }
        finally { [Net.ServicePointManager]::ServerCertificateValidationCallback = $previous }
    }
    return Invoke-WebRequest -Uri $Url -UseBasicParsing -TimeoutSec 5
}

# Waits for /health to answer 200. Counted in attempts rather than by the clock so that it ends the same way
# whatever the machine's speed (and under the tests' mocked Start-Sleep).
function Wait-TiLianBangHealth {
    param(
        [Parameter(Mandatory)][string] $Url,
        [int] $TimeoutSeconds = 180,
        [int] $IntervalSeconds = 2,
        [string] $LogDirectory
    )
    $attempts = [Math]::Max(1, [Math]::Ceiling($TimeoutSeconds / $IntervalSeconds))
    $last = 'no answer'
    for ($i = 1; $i -le $attempts; $i++) {
        try {
            $response = Invoke-HealthRequest -Url $Url
            if ($response.StatusCode -eq 200) { return }
            $last = "HTTP $($response.StatusCode)"
        }
        catch {
            $last = $_.Exception.Message
        }
        $service = Get-Service -Name $script:ServiceName -ErrorAction SilentlyContinue
        if ($service -and $service.Status -eq 'Stopped') {
            throw "The TiLianBang service stopped while starting ($last). Its log: $LogDirectory; also the Windows event log (Application)."
        }
        Start-Sleep -Seconds $IntervalSeconds
    }
    throw "TiLianBang did not answer $Url within $TimeoutSeconds s (last: $last). Its log: $LogDirectory; also the Windows event log (Application)."
}

# ---------------------------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------------------------

function Get-PackageVersion {
    param([Parameter(Mandatory)][string] $Directory)
    $file = Join-Path $Directory 'VERSION'
    if (Test-Path -LiteralPath $file) { return (Get-Content -LiteralPath $file -Raw).Trim() }
    return 'unknown'
}

# Replaces the program files with the package's, keeping the configuration; stale files of the previous version go.
function Copy-TiLianBangProgram {
    param([Parameter(Mandatory)][string] $PackageRoot, [Parameter(Mandatory)][string] $InstallDirectory, [string] $PublicBaseUrl)
    $source = Join-Path $PackageRoot 'app'
    if (-not (Test-Path -LiteralPath (Join-Path $source 'TiLianBang.Web.exe'))) {
        throw "No TiLianBang.Web.exe under '$source': run the script from the unpacked package folder."
    }
    New-Item -ItemType Directory -Force -Path $InstallDirectory | Out-Null
    Get-ChildItem -LiteralPath $InstallDirectory -Force | Where-Object { $_.Name -ne $script:ConfigFileName } |
        Remove-Item -Recurse -Force
    Copy-Item -Path (Join-Path $source '*') -Destination $InstallDirectory -Recurse -Force
    Copy-Item -LiteralPath (Join-Path $PackageRoot 'VERSION') -Destination $InstallDirectory -Force
    Copy-MiniProgram -PackageRoot $PackageRoot -InstallDirectory $InstallDirectory -PublicBaseUrl $PublicBaseUrl
}

# The WeChat mini-program of the package is built for the placeholder https://elevator.example.com; the copy in
# the program folder gets the installation's public address, ready to import into WeChat DevTools.
function Copy-MiniProgram {
    param([Parameter(Mandatory)][string] $PackageRoot, [Parameter(Mandatory)][string] $InstallDirectory, [string] $PublicBaseUrl)
    $source = Join-Path $PackageRoot 'miniprogram'
    if (-not (Test-Path -LiteralPath $source)) { return }
    $target = Join-Path $InstallDirectory 'miniprogram'
    Copy-Item -LiteralPath $source -Destination $InstallDirectory -Recurse -Force
    if ([string]::IsNullOrWhiteSpace($PublicBaseUrl) -or -not $PublicBaseUrl.StartsWith('https://')) { return }
    $hostAndPath = $PublicBaseUrl.Substring('https://'.Length).TrimEnd('/')
    $config = Join-Path $target 'mp-weixin/api/config.js'
    if (Test-Path -LiteralPath $config) {
        $text = [IO.File]::ReadAllText($config)
        $text = $text.Replace('https://elevator.example.com', "https://$hostAndPath").Replace('wss://elevator.example.com', "wss://$hostAndPath")
        [IO.File]::WriteAllText($config, $text, [Text.UTF8Encoding]::new($false))
    }
}

function Install-Certificate {
    param([Parameter(Mandatory)][string] $CertificatePath, [Parameter(Mandatory)][string] $DataDirectory)
    $folder = Join-Path $DataDirectory 'tls'
    New-Item -ItemType Directory -Force -Path $folder | Out-Null
    # Into the data folder: the service account reads nothing outside it.
    $target = Join-Path $folder 'server.pfx'
    Copy-Item -LiteralPath $CertificatePath -Destination $target -Force
    return $target
}

# ---------------------------------------------------------------------------------------------------------------
# The three operations
# ---------------------------------------------------------------------------------------------------------------

function Install-TiLianBang {
    param([Parameter(Mandatory)][hashtable] $Settings)
    $s = $Settings
    Assert-Elevated 'install.ps1'
    $problems = Test-InstallSettings -Settings $s
    if ($problems.Count -gt 0) {
        throw "install.ps1: the parameters need fixing:`n - " + ($problems -join "`n - ")
    }
    if (Get-Service -Name $script:ServiceName -ErrorAction SilentlyContinue) {
        throw "The TiLianBang service is installed already: use upgrade.ps1 for a new version, or uninstall.ps1 first."
    }
    $install = $s.InstallDirectory
    $data = $s.DataDirectory
    Write-Host "Installing TiLianBang $(Get-PackageVersion $s.PackageRoot) into $install, data in $data"
    Copy-TiLianBangProgram -PackageRoot $s.PackageRoot -InstallDirectory $install -PublicBaseUrl $s.PublicBaseUrl
    New-Item -ItemType Directory -Force -Path $data | Out-Null
    $certificate = $null
    if ($s.CertificatePath) { $certificate = Install-Certificate -CertificatePath $s.CertificatePath -DataDirectory $data }
    $config = New-TiLianBangAppSettings -Settings $s -DataDirectory $data -InstalledCertificatePath $certificate
    Write-JsonFile -Path (Join-Path $install $script:ConfigFileName) -Value $config

    Register-TiLianBangService -InstallDirectory $install
    Grant-TiLianBangAccess -InstallDirectory $install -DataDirectory $data
    Open-TiLianBangFirewall -Endpoints @(Get-TiLianBangEndpoints -Settings $s)

    Start-Service -Name $script:ServiceName
    $health = Get-TiLianBangHealthUrl -Config ($config | ConvertTo-Json -Depth 10 | ConvertFrom-Json)
    Wait-TiLianBangHealth -Url $health -TimeoutSeconds $s.HealthTimeoutSeconds -LogDirectory (Join-Path $data 'logs')

    # The administrator exists now (to change the password at the first sign-in): the password need not stay on disk.
    $config.Remove('Admin')
    Write-JsonFile -Path (Join-Path $install $script:ConfigFileName) -Value $config
    Write-Host "TiLianBang is running: $health answers. Sign in as 'admin' with the password given; it must be changed at once."
}

function Update-TiLianBang {
    param(
        [Parameter(Mandatory)][string] $PackageRoot,
        [Parameter(Mandatory)][string] $InstallDirectory,
        [int] $HealthTimeoutSeconds = 180,
        [datetime] $Now = (Get-Date)
    )
    Assert-Elevated 'upgrade.ps1'
    if (-not (Get-Service -Name $script:ServiceName -ErrorAction SilentlyContinue)) {
        throw "The TiLianBang service is not installed: use install.ps1."
    }
    $config = Read-TiLianBangConfig -InstallDirectory $InstallDirectory
    if ($null -eq $config) {
        throw "No $($script:ConfigFileName) in '$InstallDirectory': is TiLianBang installed there? (-InstallDirectory)"
    }
    $data = $config.App.DataDirectory
    $old = Get-PackageVersion $InstallDirectory
    $new = Get-PackageVersion $PackageRoot
    $backup = Join-Path $data ("backups/upgrade-$old-" + $Now.ToString('yyyyMMdd-HHmmss'))
    $health = Get-TiLianBangHealthUrl -Config $config
    $publicBaseUrl = if ($config.App.PSObject.Properties['PublicBaseUrl']) { $config.App.PublicBaseUrl } else { '' }
    Write-Host "Upgrading TiLianBang $old to $new; backup in $backup"

    Stop-TiLianBangService
    try {
        New-Item -ItemType Directory -Force -Path $backup | Out-Null
        # The whole program folder, configuration included: what a rollback puts back.
        Copy-Item -LiteralPath $InstallDirectory -Destination (Join-Path $backup 'app') -Recurse -Force
        $database = Backup-TiLianBangDatabase -Config $config -InstallDirectory $InstallDirectory -Destination (Join-Path $backup 'database')
        Write-JsonFile -Path (Join-Path $backup 'backup.json') -Value ([ordered]@{
                FromVersion = $old; ToVersion = $new; Database = $database; CreatedAt = $Now.ToString('o')
            })
    }
    catch {
        # Nothing was replaced yet: the old version simply runs on.
        Start-Service -Name $script:ServiceName
        throw "Upgrade stopped before changing anything: the backup failed ($($_.Exception.Message)). $old is running again."
    }

    try {
        Copy-TiLianBangProgram -PackageRoot $PackageRoot -InstallDirectory $InstallDirectory -PublicBaseUrl $publicBaseUrl
        Protect-TiLianBangConfig -InstallDirectory $InstallDirectory
        # Migrations run at start.
        Start-Service -Name $script:ServiceName
        Wait-TiLianBangHealth -Url $health -TimeoutSeconds $HealthTimeoutSeconds -LogDirectory (Join-Path $data 'logs')
    }
    catch {
        $reason = $_.Exception.Message
        Write-Warning "Upgrade to $new failed: $reason. Rolling back to $old."
        Restore-TiLianBangInstallation -Backup $backup -InstallDirectory $InstallDirectory -Config $config -Database $database
        Start-Service -Name $script:ServiceName
        Wait-TiLianBangHealth -Url $health -TimeoutSeconds $HealthTimeoutSeconds -LogDirectory (Join-Path $data 'logs')
        throw "Upgrade to $new failed ($reason); rolled back to $old, which is running again. Backup: $backup"
    }
    Write-Host "TiLianBang $new is running: $health answers. Backup of $old in $backup"
}

# SQLite: a consistent copy by the program's own backup verb, or (if that fails, e.g. a version without it) the
# database files themselves, safe to copy because the service is stopped. SQL Server: its own backup tools.
function Backup-TiLianBangDatabase {
    param([Parameter(Mandatory)] $Config, [Parameter(Mandatory)][string] $InstallDirectory, [Parameter(Mandatory)][string] $Destination)
    if ($Config.Database.Provider -ne 'Sqlite') {
        Write-Warning 'SQL Server: back the database up with SQL Server (BACKUP DATABASE) before upgrading; see README.md.'
        return 'none'
    }
    try {
        Invoke-TiLianBangVerb -InstallDirectory $InstallDirectory -Arguments @('backup', '--to', $Destination)
        return 'verb'
    }
    catch {
        Write-Warning "The backup verb failed ($($_.Exception.Message)); copying the stopped database's files instead."
    }
    New-Item -ItemType Directory -Force -Path $Destination | Out-Null
    $files = @(Get-ChildItem -LiteralPath $Config.App.DataDirectory -Filter 'tilianbang.db*' -File -ErrorAction SilentlyContinue)
    if ($files.Count -eq 0) {
        throw "No SQLite database (tilianbang.db) in $($Config.App.DataDirectory) to back up; nothing was changed."
    }
    $files | Copy-Item -Destination $Destination -Force
    return 'copy'
}

function Restore-TiLianBangInstallation {
    param(
        [Parameter(Mandatory)][string] $Backup,
        [Parameter(Mandatory)][string] $InstallDirectory,
        [Parameter(Mandatory)] $Config,
        [Parameter(Mandatory)][string] $Database
    )
    Stop-TiLianBangService
    Get-ChildItem -LiteralPath $InstallDirectory -Force | Remove-Item -Recurse -Force
    Copy-Item -Path (Join-Path $Backup 'app/*') -Destination $InstallDirectory -Recurse -Force
    Protect-TiLianBangConfig -InstallDirectory $InstallDirectory
    $saved = Join-Path $Backup 'database'
    # The new version may have migrated the database: the old program needs the database it left.
    switch ($Database) {
        'verb' {
            try {
                Invoke-TiLianBangVerb -InstallDirectory $InstallDirectory -Arguments @('restore', '--from', $saved)
            }
            catch {
                # The old version must come back up whatever happens: a backup holding the database file will do.
                Write-Warning "The restore verb failed ($($_.Exception.Message)); copying the backed-up database file instead."
                Copy-DatabaseFiles -From $saved -To $Config.App.DataDirectory
            }
        }
        'copy' { Copy-DatabaseFiles -From $saved -To $Config.App.DataDirectory }
        default { Write-Warning 'SQL Server: if the new version migrated the database, restore your SQL Server backup.' }
    }
}

function Copy-DatabaseFiles {
    param([Parameter(Mandatory)][string] $From, [Parameter(Mandatory)][string] $To)
    if (-not (Test-Path -LiteralPath (Join-Path $From 'tilianbang.db'))) {
        throw "No tilianbang.db in $From to put back; restore the database by hand (README.md, Backup and restore)."
    }
    Get-ChildItem -LiteralPath $To -Filter 'tilianbang.db*' -File | Remove-Item -Force
    Get-ChildItem -LiteralPath $From -Filter 'tilianbang.db*' -File | Copy-Item -Destination $To -Force
}

function Uninstall-TiLianBang {
    param([Parameter(Mandatory)][string] $InstallDirectory, [string] $DataDirectory, [switch] $RemoveData)
    Assert-Elevated 'uninstall.ps1'
    $config = Read-TiLianBangConfig -InstallDirectory $InstallDirectory
    if (-not $DataDirectory -and $config) { $DataDirectory = $config.App.DataDirectory }
    Unregister-TiLianBangService
    Close-TiLianBangFirewall
    if (Test-Path -LiteralPath $InstallDirectory) { Remove-Item -LiteralPath $InstallDirectory -Recurse -Force }
    if ($RemoveData -and $DataDirectory -and (Test-Path -LiteralPath $DataDirectory)) {
        Remove-Item -LiteralPath $DataDirectory -Recurse -Force
        Write-Host "TiLianBang removed, its data too ($DataDirectory)."
    }
    elseif ($DataDirectory) {
        Write-Host "TiLianBang removed. Its data stays in $DataDirectory (database, photos, keys, backups); -RemoveData deletes it."
    }
}

Export-ModuleMember -Function *-TiLianBang*, Test-InstallSettings, Test-PasswordPolicy, ConvertTo-PlainText,
    Get-TiLianBangEndpoints, New-TiLianBangAppSettings, Wait-TiLianBangHealth, Get-PackageVersion
