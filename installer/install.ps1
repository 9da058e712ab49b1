#Requires -Version 5.1
<#
.SYNOPSIS
    Installs TiLianBang as a Windows service from this unpacked package (see README.md).
.EXAMPLE
    .\install.ps1 -AdminPassword (Read-Host -AsSecureString 'admin password') -PublicBaseUrl https://elevator.example.com `
        -CertificatePath C:\certs\elevator.pfx -CertificatePassword (Read-Host -AsSecureString 'PFX password')
#>
[CmdletBinding()]
param(
    # The first administrator's (account "admin") password, to be changed at the first sign-in: at least 8
    # characters, a digit, 4 different characters.
    [Parameter(Mandatory)][System.Security.SecureString] $AdminPassword,
    [ValidateSet('Sqlite', 'SqlServer')][string] $DatabaseProvider = 'Sqlite',
    # SQL Server only.
    [string] $ConnectionString,
    [ValidateRange(0, 65535)][int] $HttpPort = 80,
    [ValidateRange(1, 65535)][int] $HttpsPort = 443,
    [ValidateRange(1, 65535)][int] $MqttPort = 1883,
    [ValidateRange(0, 65535)][int] $MqttTlsPort = 8883,
    # A PFX with certificate and key: turns on HTTPS (-HttpsPort) and MQTTS (-MqttTlsPort, 0 = off).
    [string] $CertificatePath,
    [System.Security.SecureString] $CertificatePassword,
    # The address phones and QR codes use, e.g. https://elevator.example.com.
    [string] $PublicBaseUrl,
    [ValidateSet('Embedded', 'External')][string] $MqttMode = 'Embedded',
    [string] $MqttExternalHost,
    [ValidateRange(1, 65535)][int] $MqttExternalPort = 1883,
    [string] $MqttExternalUserName,
    [System.Security.SecureString] $MqttExternalPassword,
    [switch] $MqttExternalUseTls,
    [string] $InstallDirectory = $(if ($env:ProgramFiles) { Join-Path $env:ProgramFiles 'TiLianBang' }),
    [string] $DataDirectory = $(if ($env:ProgramData) { Join-Path $env:ProgramData 'TiLianBang' }),
    [ValidateRange(10, 3600)][int] $HealthTimeoutSeconds = 180
)
$ErrorActionPreference = 'Stop'
$module = Join-Path $PSScriptRoot 'TiLianBang.Install.psm1'
if (-not (Get-Module TiLianBang.Install | Where-Object Path -EQ $module)) { Import-Module $module -Force }

try {
    Install-TiLianBang -Settings @{
        PackageRoot          = $PSScriptRoot
        InstallDirectory     = $InstallDirectory
        DataDirectory        = $DataDirectory
        AdminPassword        = ConvertTo-PlainText $AdminPassword
        DatabaseProvider     = $DatabaseProvider
        ConnectionString     = $ConnectionString
        HttpPort             = $HttpPort
        HttpsPort            = $HttpsPort
        MqttPort             = $MqttPort
        MqttTlsPort          = $MqttTlsPort
        CertificatePath      = $CertificatePath
        CertificatePassword  = ConvertTo-PlainText $CertificatePassword
        PublicBaseUrl        = $PublicBaseUrl
        MqttMode             = $MqttMode
        MqttExternalHost     = $MqttExternalHost
        MqttExternalPort     = $MqttExternalPort
        MqttExternalUserName = $MqttExternalUserName
        MqttExternalPassword = ConvertTo-PlainText $MqttExternalPassword
        MqttExternalUseTls   = [bool] $MqttExternalUseTls
        HealthTimeoutSeconds = $HealthTimeoutSeconds
    }
    exit 0
}
catch {
    $host.UI.WriteErrorLine("install.ps1: $($_.Exception.Message)")
    exit 1
}
