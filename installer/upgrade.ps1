#Requires -Version 5.1
<#
.SYNOPSIS
    Upgrades the installed TiLianBang to this unpacked package: stop, back up database and configuration, replace
    the program, start (migrations run), check /health; on failure put the previous version back and exit 1.
#>
[CmdletBinding()]
param(
    [string] $InstallDirectory = $(if ($env:ProgramFiles) { Join-Path $env:ProgramFiles 'TiLianBang' }),
    [ValidateRange(10, 3600)][int] $HealthTimeoutSeconds = 180
)
$ErrorActionPreference = 'Stop'
$module = Join-Path $PSScriptRoot 'TiLianBang.Install.psm1'
if (-not (Get-Module TiLianBang.Install | Where-Object Path -EQ $module)) { Import-Module $module -Force }

try {
    Update-TiLianBang -PackageRoot $PSScriptRoot -InstallDirectory $InstallDirectory -HealthTimeoutSeconds $HealthTimeoutSeconds
    exit 0
}
catch {
    $host.UI.WriteErrorLine("upgrade.ps1: $($_.Exception.Message)")
    exit 1
}
