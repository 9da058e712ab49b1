#Requires -Version 5.1
<#
.SYNOPSIS
    Removes the TiLianBang service, its firewall rules and its program folder. The data folder (database, photos,
    keys, backups) stays unless -RemoveData is given.
#>
[CmdletBinding()]
param(
    [switch] $RemoveData,
    [string] $InstallDirectory = $(if ($env:ProgramFiles) { Join-Path $env:ProgramFiles 'TiLianBang' }),
    # Read from the installation's configuration when not given.
    [string] $DataDirectory
)
$ErrorActionPreference = 'Stop'
$module = Join-Path $PSScriptRoot 'TiLianBang.Install.psm1'
if (-not (Get-Module TiLianBang.Install | Where-Object Path -EQ $module)) { Import-Module $module -Force }

try {
    Uninstall-TiLianBang -InstallDirectory $InstallDirectory -DataDirectory $DataDirectory -RemoveData:$RemoveData
    exit 0
}
catch {
    $host.UI.WriteErrorLine("uninstall.ps1: $($_.Exception.Message)")
    exit 1
}
