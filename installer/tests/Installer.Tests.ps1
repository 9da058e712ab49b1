# Pester 6 tests of install.ps1, upgrade.ps1 and uninstall.ps1 on PowerShell 7 (Linux in CI). The Windows-only
# commands (services, firewall, sc.exe, icacls, the program's backup verb) are mocked and what they would have
# done is asserted; files are really copied and written, in Pester's TestDrive.
# Run by TiLianBang.Tests/Installer/InstallerScriptTests.cs.

BeforeAll {
    $installer = Split-Path $PSScriptRoot -Parent

    # Stand-ins so that Pester can mock commands this platform lacks (each is replaced by a Mock in every test).
    foreach ($name in 'New-Service', 'Get-Service', 'Start-Service', 'Stop-Service', 'New-NetFirewallRule',
        'Get-NetFirewallRule', 'Remove-NetFirewallRule') {
        if (-not (Get-Command $name -ErrorAction SilentlyContinue)) {
            Set-Item "function:global:$name" { param([Parameter(ValueFromRemainingArguments)] $Rest) throw "not mocked: $($MyInvocation.MyCommand)" }
        }
    }
    function global:New-Service { param($Name, $BinaryPathName, $DisplayName, $Description, $StartupType) throw 'not mocked' }
    function global:New-NetFirewallRule { param($Name, $DisplayName, $Group, $Direction, $Protocol, $LocalPort, $Action, $Profile) throw 'not mocked' }
    function global:Get-NetFirewallRule { param($Group, $ErrorAction) throw 'not mocked' }
    function global:Remove-NetFirewallRule { param($Group) throw 'not mocked' }
    function global:Get-Service { param($Name, $ErrorAction) throw 'not mocked' }
    function global:Start-Service { param($Name) throw 'not mocked' }
    function global:Stop-Service { param($Name, [switch] $Force) throw 'not mocked' }

    function New-Package([string] $Version, [string] $Exe) {
        $root = Join-Path $TestDrive "package-$Version"
        New-Item -ItemType Directory -Force -Path "$root/app/wwwroot/m", "$root/miniprogram/mp-weixin/api" | Out-Null
        Set-Content "$root/app/TiLianBang.Web.exe" $Exe
        Set-Content "$root/app/TiLianBang.Web.dll" "dll $Version"
        Set-Content "$root/app/wwwroot/m/index.html" '<html></html>'
        Set-Content "$root/miniprogram/mp-weixin/api/config.js" 'const e="https://elevator.example.com/api/v1";function l(){return"wss://elevator.example.com/api/v1/live"}'
        Set-Content "$root/VERSION" $Version
        Copy-Item "$installer/install.ps1", "$installer/upgrade.ps1", "$installer/uninstall.ps1", "$installer/TiLianBang.Install.psm1" $root
        return $root
    }

    function New-Pfx([string] $Path, [string] $Password) {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=elevator.example.com', $rsa,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $now = [DateTimeOffset]::UtcNow
        $certificate = $request.CreateSelfSigned($now.AddDays(-1), $now.AddYears(1))
        [IO.File]::WriteAllBytes($Path, $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, $Password))
    }

    function Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    $package = New-Package -Version '1.0.0' -Exe 'old program'
    $install = Join-Path $package 'install.ps1'
    Import-Module (Join-Path $package 'TiLianBang.Install.psm1') -Force
    $password = Secure 'Lift-2026-ok'
    # What the mocks saw, shared by reference with the tests (a mock's own scope is not the test's).
    $state = @{}
}

Describe 'install.ps1' {
    BeforeEach {
        $target = Join-Path $TestDrive ('install-' + [guid]::NewGuid().ToString('n'))
        $programDir = Join-Path $target 'Program Files/TiLianBang'
        $dataDir = Join-Path $target 'ProgramData/TiLianBang'
        $state.AtStart = $null
        Mock -ModuleName TiLianBang.Install Test-Elevated { $true }
        Mock -ModuleName TiLianBang.Install Get-Service { $null }
        Mock -ModuleName TiLianBang.Install New-Service { [pscustomobject]@{ Name = $Name } }
        Mock -ModuleName TiLianBang.Install Invoke-Sc { }
        Mock -ModuleName TiLianBang.Install Invoke-Icacls { }
        Mock -ModuleName TiLianBang.Install Get-NetFirewallRule { $null }
        Mock -ModuleName TiLianBang.Install Remove-NetFirewallRule { }
        Mock -ModuleName TiLianBang.Install New-NetFirewallRule { }
        # What the service would find at its start.
        Mock -ModuleName TiLianBang.Install Start-Service {
            $state.AtStart = Get-Content (Join-Path $programDir 'appsettings.Production.json') -Raw | ConvertFrom-Json
        }
        Mock -ModuleName TiLianBang.Install Invoke-WebRequest { [pscustomobject]@{ StatusCode = 200 } }
        Mock -ModuleName TiLianBang.Install Start-Sleep { }
    }

    It 'installs the program, registers the service as a virtual account with restarts, and waits for /health' {
        & $install -AdminPassword $password -InstallDirectory $programDir -DataDirectory $dataDir
        $LASTEXITCODE | Should -Be 0

        Join-Path $programDir 'TiLianBang.Web.exe' | Should -FileContentMatchExactly 'old program'
        Join-Path $programDir 'wwwroot/m/index.html' | Should -Exist
        Join-Path $programDir 'VERSION' | Should -FileContentMatchExactly '1.0.0'
        $dataDir | Should -Exist

        Should -Invoke -ModuleName TiLianBang.Install New-Service -Times 1 -Exactly -ParameterFilter {
            $Name -eq 'TiLianBang' -and $StartupType -eq 'Automatic' -and
            $BinaryPathName -eq ('"' + (Join-Path $programDir 'TiLianBang.Web.exe') + '"')
        }
        Should -Invoke -ModuleName TiLianBang.Install Invoke-Sc -Times 1 -Exactly -ParameterFilter {
            ($Arguments -join ' ') -eq 'config TiLianBang obj= NT SERVICE\TiLianBang'
        }
        Should -Invoke -ModuleName TiLianBang.Install Invoke-Sc -Times 1 -Exactly -ParameterFilter {
            ($Arguments -join ' ') -eq 'failure TiLianBang reset= 86400 actions= restart/10000/restart/10000/restart/60000'
        }
        Should -Invoke -ModuleName TiLianBang.Install Invoke-Sc -Times 1 -Exactly -ParameterFilter {
            ($Arguments -join ' ') -eq 'failureflag TiLianBang 1'
        }
        # Modify on the data folder only, inheritance cut so that ordinary users lose their inherited read.
        Should -Invoke -ModuleName TiLianBang.Install Invoke-Icacls -Times 1 -Exactly -ParameterFilter {
            $Arguments[0] -eq $dataDir -and $Arguments -contains '/inheritance:r' -and
            $Arguments -contains 'NT SERVICE\TiLianBang:(OI)(CI)M' -and $Arguments -contains '*S-1-5-32-544:(OI)(CI)F'
        }
        Should -Invoke -ModuleName TiLianBang.Install Invoke-Icacls -Times 1 -Exactly -ParameterFilter {
            $Arguments[0] -eq $programDir -and $Arguments -contains 'NT SERVICE\TiLianBang:(OI)(CI)RX'
        }
        Should -Invoke -ModuleName TiLianBang.Install Invoke-Icacls -Times 1 -Exactly -ParameterFilter {
            $Arguments[0] -like '*appsettings.Production.json' -and $Arguments -contains 'NT SERVICE\TiLianBang:R' -and $Arguments -contains '/inheritance:r'
        }
        Should -Invoke -ModuleName TiLianBang.Install Start-Service -Times 1 -Exactly -ParameterFilter { $Name -eq 'TiLianBang' }
        Should -Invoke -ModuleName TiLianBang.Install Invoke-WebRequest -Times 1 -Exactly -ParameterFilter { $Uri -eq 'http://localhost:80/health' }
    }

    It 'opens the firewall for HTTP and MQTT only when no certificate is given' {
        & $install -AdminPassword $password -InstallDirectory $programDir -DataDirectory $dataDir
        Should -Invoke -ModuleName TiLianBang.Install New-NetFirewallRule -Times 2 -Exactly
        Should -Invoke -ModuleName TiLianBang.Install New-NetFirewallRule -Times 1 -Exactly -ParameterFilter {
            $Name -eq 'TiLianBang-HTTP' -and $LocalPort -eq 80 -and $Protocol -eq 'TCP' -and $Direction -eq 'Inbound' -and $Group -eq 'TiLianBang' -and $Action -eq 'Allow'
        }
        Should -Invoke -ModuleName TiLianBang.Install New-NetFirewallRule -Times 1 -Exactly -ParameterFilter { $Name -eq 'TiLianBang-MQTT' -and $LocalPort -eq 1883 }
    }

    It 'writes appsettings.Production.json with the keys the application reads, and drops the password once running' {
        & $install -AdminPassword $password -InstallDirectory $programDir -DataDirectory $dataDir -PublicBaseUrl 'http://10.0.0.5/'

        $state.AtStart.App.DataDirectory | Should -Be $dataDir
        $state.AtStart.App.PublicBaseUrl | Should -Be 'http://10.0.0.5'
        $state.AtStart.Database.Provider | Should -Be 'Sqlite'
        $state.AtStart.PSObject.Properties.Name | Should -Not -Contain 'ConnectionStrings'
        $state.AtStart.Demo.Enabled | Should -BeFalse
        $state.AtStart.Admin.InitialPassword | Should -Be 'Lift-2026-ok'
        $state.AtStart.Kestrel.Endpoints.Http.Url | Should -Be 'http://*:80'
        $state.AtStart.Kestrel.Endpoints.PSObject.Properties.Name | Should -Not -Contain 'Https'
        $state.AtStart.Mqtt.Port | Should -Be 1883
        $state.AtStart.Mqtt.PSObject.Properties.Name | Should -Not -Contain 'TlsPort'

        $after = Get-Content (Join-Path $programDir 'appsettings.Production.json') -Raw
        $after | Should -Not -Match 'Lift-2026-ok'
        ($after | ConvertFrom-Json).Database.Provider | Should -Be 'Sqlite'
    }

    It 'with SQL Server, a certificate and own ports: HTTPS and MQTTS configured and opened, the PFX in the data folder' {
        $pfx = Join-Path $TestDrive 'elevator.pfx'
        New-Pfx -Path $pfx -Password 'pfx-secret'
        $sql = 'Server=sql01;Database=TiLianBang;User Id=tlb;Password=x;TrustServerCertificate=True'
        & $install -AdminPassword $password -InstallDirectory $programDir -DataDirectory $dataDir `
            -DatabaseProvider SqlServer -ConnectionString $sql -HttpPort 8080 -HttpsPort 8443 -MqttPort 1884 -MqttTlsPort 8884 `
            -CertificatePath $pfx -CertificatePassword (Secure 'pfx-secret') -PublicBaseUrl 'https://lift.example.org'
        $LASTEXITCODE | Should -Be 0

        $installedPfx = Join-Path $dataDir 'tls/server.pfx'
        $installedPfx | Should -Exist
        $state.AtStart.Database.Provider | Should -Be 'SqlServer'
        $state.AtStart.ConnectionStrings.TiLianBang | Should -Be $sql
        $state.AtStart.Kestrel.Endpoints.Http.Url | Should -Be 'http://*:8080'
        $state.AtStart.Kestrel.Endpoints.Https.Url | Should -Be 'https://*:8443'
        $state.AtStart.Kestrel.Endpoints.Https.Certificate.Path | Should -Be $installedPfx
        $state.AtStart.Kestrel.Endpoints.Https.Certificate.Password | Should -Be 'pfx-secret'
        $state.AtStart.Mqtt.Port | Should -Be 1884
        $state.AtStart.Mqtt.TlsPort | Should -Be 8884
        $state.AtStart.Mqtt.CertificatePath | Should -Be $installedPfx

        Should -Invoke -ModuleName TiLianBang.Install New-NetFirewallRule -Times 4 -Exactly
        foreach ($rule in @(@('HTTP', 8080), @('HTTPS', 8443), @('MQTT', 1884), @('MQTTS', 8884))) {
            Should -Invoke -ModuleName TiLianBang.Install New-NetFirewallRule -Times 1 -Exactly -ParameterFilter {
                $Name -eq "TiLianBang-$($rule[0])" -and $LocalPort -eq $rule[1]
            }
        }
        Should -Invoke -ModuleName TiLianBang.Install Invoke-WebRequest -ParameterFilter { $Uri -eq 'http://localhost:8080/health' }
        # The WeChat mini-program copy speaks to this installation.
        Join-Path $programDir 'miniprogram/mp-weixin/api/config.js' |
            Should -FileContentMatch ([regex]::Escape('https://lift.example.org/api/v1') + '.*' + [regex]::Escape('wss://lift.example.org/api/v1/live'))
    }

    It 'checks HTTPS-only installations on the HTTPS port' {
        $pfx = Join-Path $TestDrive 'only-https.pfx'
        New-Pfx -Path $pfx -Password 'p'
        & $install -AdminPassword $password -InstallDirectory $programDir -DataDirectory $dataDir -HttpPort 0 -CertificatePath $pfx -CertificatePassword (Secure 'p')
        $LASTEXITCODE | Should -Be 0
        $state.AtStart.Kestrel.Endpoints.PSObject.Properties.Name | Should -Be @('Https')
        Should -Invoke -ModuleName TiLianBang.Install Invoke-WebRequest -ParameterFilter { $Uri -eq 'https://localhost:443/health' }
        Should -Invoke -ModuleName TiLianBang.Install New-NetFirewallRule -Times 0 -Exactly -ParameterFilter { $Name -eq 'TiLianBang-HTTP' }
    }

    It 'with an external broker: no MQTT port of its own is opened and the client settings are written' {
        & $install -AdminPassword $password -InstallDirectory $programDir -DataDirectory $dataDir -MqttMode External `
            -MqttExternalHost emqx.lan -MqttExternalPort 8883 -MqttExternalUserName tilianbang -MqttExternalPassword (Secure 'broker') -MqttExternalUseTls
        $LASTEXITCODE | Should -Be 0
        $state.AtStart.Mqtt.Mode | Should -Be 'External'
        $state.AtStart.Mqtt.External.Host | Should -Be 'emqx.lan'
        $state.AtStart.Mqtt.External.Port | Should -Be 8883
        $state.AtStart.Mqtt.External.Password | Should -Be 'broker'
        $state.AtStart.Mqtt.External.UseTls | Should -BeTrue
        Should -Invoke -ModuleName TiLianBang.Install New-NetFirewallRule -Times 1 -Exactly
        Should -Invoke -ModuleName TiLianBang.Install New-NetFirewallRule -Times 1 -Exactly -ParameterFilter { $Name -eq 'TiLianBang-HTTP' }
    }

    It 'fails with exit code 1 when /health never answers, after the whole timeout' {
        Mock -ModuleName TiLianBang.Install Invoke-WebRequest { throw 'Connection refused' }
        Mock -ModuleName TiLianBang.Install Get-Service { [pscustomobject]@{ Status = 'Running' } } -ParameterFilter { $ErrorAction -eq 'SilentlyContinue' -and $state.AtStart }
        & $install -AdminPassword $password -InstallDirectory $programDir -DataDirectory $dataDir -HealthTimeoutSeconds 20 2>$null
        $LASTEXITCODE | Should -Be 1
        # 20 s at one try every 2 s.
        Should -Invoke -ModuleName TiLianBang.Install Invoke-WebRequest -Times 10 -Exactly
        Should -Invoke -ModuleName TiLianBang.Install Start-Sleep -Times 10 -Exactly -ParameterFilter { $Seconds -eq 2 }
    }

    It 'refuses to run without elevation, touching nothing' {
        Mock -ModuleName TiLianBang.Install Test-Elevated { $false }
        & $install -AdminPassword $password -InstallDirectory $programDir -DataDirectory $dataDir 2>$null
        $LASTEXITCODE | Should -Be 1
        $programDir | Should -Not -Exist
        Should -Invoke -ModuleName TiLianBang.Install New-Service -Times 0 -Exactly
    }

    It 'refuses an installed service (upgrade.ps1 is for that)' {
        Mock -ModuleName TiLianBang.Install Get-Service { [pscustomobject]@{ Status = 'Running' } }
        & $install -AdminPassword $password -InstallDirectory $programDir -DataDirectory $dataDir 2>$null
        $LASTEXITCODE | Should -Be 1
        Should -Invoke -ModuleName TiLianBang.Install New-Service -Times 0 -Exactly
    }

    It 'stops at bad parameters before changing anything: <case>' -ForEach @(
        @{ case = 'SQL Server without connection string'; extra = @{ DatabaseProvider = 'SqlServer' } }
        @{ case = 'weak password'; extra = @{ AdminPassword = (ConvertTo-SecureString 'abcdefgh' -AsPlainText -Force) } }
        @{ case = 'two endpoints on one port'; extra = @{ HttpPort = 1883 } }
        @{ case = 'no HTTP and no certificate'; extra = @{ HttpPort = 0 } }
        @{ case = 'missing certificate file'; extra = @{ CertificatePath = '/nowhere/x.pfx' } }
        @{ case = 'public address not http(s)'; extra = @{ PublicBaseUrl = 'ftp://lift' } }
        @{ case = 'external broker without host'; extra = @{ MqttMode = 'External' } }
    ) {
        $arguments = @{ AdminPassword = $password; InstallDirectory = $programDir; DataDirectory = $dataDir }
        foreach ($key in $extra.Keys) { $arguments[$key] = $extra[$key] }
        & $install @arguments 2>$null
        $LASTEXITCODE | Should -Be 1
        $programDir | Should -Not -Exist
        Should -Invoke -ModuleName TiLianBang.Install New-Service -Times 0 -Exactly
        Should -Invoke -ModuleName TiLianBang.Install New-NetFirewallRule -Times 0 -Exactly
    }

    It 'rejects out-of-range ports and unknown providers when binding parameters' {
        { & $install -AdminPassword $password -HttpPort 70000 } | Should -Throw '*70000*'
        { & $install -AdminPassword $password -MqttPort 0 } | Should -Throw '*MqttPort*'
        { & $install -AdminPassword $password -DatabaseProvider Oracle } | Should -Throw '*Oracle*'
    }
}

Describe 'Install settings' {
    BeforeAll {
        $base = @{
            DatabaseProvider = 'Sqlite'; ConnectionString = ''; HttpPort = 80; HttpsPort = 443; MqttPort = 1883; MqttTlsPort = 8883
            AdminPassword = 'Lift-2026-ok'; PublicBaseUrl = ''; CertificatePath = ''; CertificatePassword = ''; MqttMode = 'Embedded'; MqttExternalHost = ''
        }
        function With([hashtable] $Changes) { $copy = $base.Clone(); foreach ($k in $Changes.Keys) { $copy[$k] = $Changes[$k] }; $copy }
    }

    It 'accepts good settings' {
        Test-InstallSettings -Settings (With @{}) | Should -BeNullOrEmpty
    }

    It 'names the rule a password breaks: <password>' -ForEach @(
        @{ password = 'short1'; expected = '*at least 8 characters*' }
        @{ password = 'no-digits-here'; expected = '*at least one digit*' }
        @{ password = '11112222'; expected = '*at least 4 different characters*' }
    ) {
        (Test-InstallSettings -Settings (With @{ AdminPassword = $password })) -join "`n" | Should -BeLike $expected
    }

    It 'explains what SQL Server needs' {
        (Test-InstallSettings -Settings (With @{ DatabaseProvider = 'SqlServer' })) -join "`n" | Should -BeLike '*SqlServer needs -ConnectionString*'
    }

    It 'names both uses of a doubly used port' {
        (Test-InstallSettings -Settings (With @{ HttpPort = 1883 })) -join "`n" | Should -BeLike '*Port 1883 is given to both HTTP and MQTT*'
    }

    It 'refuses a PFX with the wrong password' {
        $pfx = Join-Path $TestDrive 'wrong.pfx'
        New-Pfx -Path $pfx -Password 'right'
        (Test-InstallSettings -Settings (With @{ CertificatePath = $pfx; CertificatePassword = 'wrong' })) -join "`n" |
            Should -BeLike '*cannot open the PFX*'
    }
}

Describe 'upgrade.ps1' {
    BeforeEach {
        $target = Join-Path $TestDrive ('upgrade-' + [guid]::NewGuid().ToString('n'))
        $programDir = Join-Path $target 'Program Files/TiLianBang'
        $dataDir = Join-Path $target 'ProgramData/TiLianBang'
        New-Item -ItemType Directory -Force -Path "$programDir/wwwroot", $dataDir | Out-Null
        Set-Content "$programDir/TiLianBang.Web.exe" 'old program'
        Set-Content "$programDir/Obsolete.dll" 'only in 1.0.0'
        Set-Content "$programDir/VERSION" '1.0.0'
        $config = @{ App = @{ DataDirectory = $dataDir }; Database = @{ Provider = 'Sqlite' }; Kestrel = @{ Endpoints = @{ Http = @{ Url = 'http://*:8080' } } } }
        $config | ConvertTo-Json -Depth 5 | Set-Content "$programDir/appsettings.Production.json"
        Set-Content "$dataDir/tilianbang.db" 'database of 1.0.0'

        $newPackage = New-Package -Version '1.1.0' -Exe 'new program'
        $upgrade = Join-Path $newPackage 'upgrade.ps1'
        # The tests' module is the one the new package's scripts load (same path), so the mocks reach them.
        Get-Module TiLianBang.Install | Remove-Module
        Import-Module (Join-Path $newPackage 'TiLianBang.Install.psm1') -Force
        $state.Calls = [System.Collections.Generic.List[string]]::new()

        Mock -ModuleName TiLianBang.Install Test-Elevated { $true }
        Mock -ModuleName TiLianBang.Install Get-Service { [pscustomobject]@{ Status = 'Running' } }
        Mock -ModuleName TiLianBang.Install Stop-Service { $state.Calls.Add('stop') }
        # The new program migrates the database at its start.
        Mock -ModuleName TiLianBang.Install Start-Service {
            $program = (Get-Content "$programDir/TiLianBang.Web.exe" -Raw).Trim()
            $state.Calls.Add("start $program")
            if ($program -eq 'new program') { Set-Content "$dataDir/tilianbang.db" 'database migrated by 1.1.0' }
        }
        Mock -ModuleName TiLianBang.Install Invoke-Icacls { }
        Mock -ModuleName TiLianBang.Install Invoke-TiLianBangVerb {
            $state.Calls.Add("verb $($Arguments -join ' ')")
            if ($Arguments[0] -eq 'backup') { New-Item -ItemType Directory -Force $Arguments[2] | Out-Null; Copy-Item "$dataDir/tilianbang.db" $Arguments[2] }
            else { Copy-Item "$($Arguments[2])/tilianbang.db" $dataDir -Force }
        }
        Mock -ModuleName TiLianBang.Install Invoke-WebRequest { [pscustomobject]@{ StatusCode = 200 } }
        Mock -ModuleName TiLianBang.Install Start-Sleep { }
    }

    AfterEach {
        Get-Module TiLianBang.Install | Remove-Module
        Import-Module (Join-Path $package 'TiLianBang.Install.psm1') -Force
    }

    It 'stops, backs up program, configuration and database with the backup verb, replaces the program, starts' {
        & $upgrade -InstallDirectory $programDir
        $LASTEXITCODE | Should -Be 0

        $state.Calls | Should -Be @('stop', "verb backup --to $((Get-ChildItem "$dataDir/backups").FullName)/database", 'start new program')
        "$programDir/TiLianBang.Web.exe" | Should -FileContentMatchExactly 'new program'
        "$programDir/VERSION" | Should -FileContentMatchExactly '1.1.0'
        "$programDir/Obsolete.dll" | Should -Not -Exist
        (Get-Content "$programDir/appsettings.Production.json" -Raw | ConvertFrom-Json).App.DataDirectory | Should -Be $dataDir

        $backup = @(Get-ChildItem "$dataDir/backups")
        $backup.Count | Should -Be 1
        $backup[0].Name | Should -BeLike 'upgrade-1.0.0-*'
        "$($backup[0].FullName)/app/TiLianBang.Web.exe" | Should -FileContentMatchExactly 'old program'
        "$($backup[0].FullName)/app/appsettings.Production.json" | Should -Exist
        "$($backup[0].FullName)/database/tilianbang.db" | Should -FileContentMatchExactly 'database of 1.0.0'
        (Get-Content "$($backup[0].FullName)/backup.json" -Raw | ConvertFrom-Json).Database | Should -Be 'verb'
        Should -Invoke -ModuleName TiLianBang.Install Invoke-WebRequest -ParameterFilter { $Uri -eq 'http://localhost:8080/health' }
    }

    It 'copies the stopped database files when the backup verb fails' {
        Mock -ModuleName TiLianBang.Install Invoke-TiLianBangVerb { throw 'unknown verb backup' }
        Set-Content "$dataDir/tilianbang.db-wal" 'wal'
        & $upgrade -InstallDirectory $programDir 3>$null
        $LASTEXITCODE | Should -Be 0
        $backup = (Get-ChildItem "$dataDir/backups")[0].FullName
        "$backup/database/tilianbang.db" | Should -FileContentMatchExactly 'database of 1.0.0'
        "$backup/database/tilianbang.db-wal" | Should -Exist
        (Get-Content "$backup/backup.json" -Raw | ConvertFrom-Json).Database | Should -Be 'copy'
    }

    It 'rolls back program, configuration and database when the new version fails its health check, and exits 1' {
        Mock -ModuleName TiLianBang.Install Invoke-WebRequest {
            if ((Get-Content "$programDir/TiLianBang.Web.exe" -Raw).Trim() -eq 'new program') { throw 'HTTP 503' }
            [pscustomobject]@{ StatusCode = 200 }
        }
        & $upgrade -InstallDirectory $programDir -HealthTimeoutSeconds 10 2>$null 3>$null
        $LASTEXITCODE | Should -Be 1

        $state.Calls[0] | Should -Be 'stop'
        $state.Calls[2] | Should -Be 'start new program'
        $state.Calls[3] | Should -Be 'stop'
        $state.Calls[4] | Should -BeLike 'verb restore --from *database'
        $state.Calls[5] | Should -Be 'start old program'
        "$programDir/TiLianBang.Web.exe" | Should -FileContentMatchExactly 'old program'
        "$programDir/Obsolete.dll" | Should -Exist
        "$programDir/VERSION" | Should -FileContentMatchExactly '1.0.0'
        "$programDir/appsettings.Production.json" | Should -Exist
        "$dataDir/tilianbang.db" | Should -FileContentMatchExactly 'database of 1.0.0'
    }

    It 'rolls back the copied database files too when there was no backup verb' {
        Mock -ModuleName TiLianBang.Install Invoke-TiLianBangVerb { throw 'unknown verb' }
        Mock -ModuleName TiLianBang.Install Invoke-WebRequest {
            if ((Get-Content "$programDir/TiLianBang.Web.exe" -Raw).Trim() -eq 'new program') { throw 'HTTP 503' }
            [pscustomobject]@{ StatusCode = 200 }
        }
        & $upgrade -InstallDirectory $programDir -HealthTimeoutSeconds 10 2>$null 3>$null
        $LASTEXITCODE | Should -Be 1
        "$dataDir/tilianbang.db" | Should -FileContentMatchExactly 'database of 1.0.0'
        "$programDir/TiLianBang.Web.exe" | Should -FileContentMatchExactly 'old program'
    }

    It 'puts the database file back itself when the restore verb fails during a rollback' {
        Mock -ModuleName TiLianBang.Install Invoke-TiLianBangVerb {
            if ($Arguments[0] -eq 'restore') { throw 'restore failed' }
            New-Item -ItemType Directory -Force $Arguments[2] | Out-Null; Copy-Item "$dataDir/tilianbang.db" $Arguments[2]
        }
        Mock -ModuleName TiLianBang.Install Invoke-WebRequest {
            if ((Get-Content "$programDir/TiLianBang.Web.exe" -Raw).Trim() -eq 'new program') { throw 'HTTP 503' }
            [pscustomobject]@{ StatusCode = 200 }
        }
        & $upgrade -InstallDirectory $programDir -HealthTimeoutSeconds 10 2>$null 3>$null
        $LASTEXITCODE | Should -Be 1
        "$dataDir/tilianbang.db" | Should -FileContentMatchExactly 'database of 1.0.0'
        $state.Calls[-1] | Should -Be 'start old program'
    }

    It 'refuses when TiLianBang is not installed' {
        Mock -ModuleName TiLianBang.Install Get-Service { $null }
        & $upgrade -InstallDirectory $programDir 2>$null
        $LASTEXITCODE | Should -Be 1
        "$programDir/TiLianBang.Web.exe" | Should -FileContentMatchExactly 'old program'
        Should -Invoke -ModuleName TiLianBang.Install Stop-Service -Times 0 -Exactly
    }
}

Describe 'uninstall.ps1' {
    BeforeEach {
        $target = Join-Path $TestDrive ('uninstall-' + [guid]::NewGuid().ToString('n'))
        $programDir = Join-Path $target 'Program Files/TiLianBang'
        $dataDir = Join-Path $target 'ProgramData/TiLianBang'
        New-Item -ItemType Directory -Force -Path $programDir, $dataDir | Out-Null
        Set-Content "$programDir/TiLianBang.Web.exe" 'program'
        @{ App = @{ DataDirectory = $dataDir } } | ConvertTo-Json | Set-Content "$programDir/appsettings.Production.json"
        Set-Content "$dataDir/tilianbang.db" 'data'
        $uninstall = Join-Path $package 'uninstall.ps1'
        Mock -ModuleName TiLianBang.Install Test-Elevated { $true }
        Mock -ModuleName TiLianBang.Install Get-Service { [pscustomobject]@{ Status = 'Running' } }
        Mock -ModuleName TiLianBang.Install Stop-Service { }
        Mock -ModuleName TiLianBang.Install Invoke-Sc { }
        Mock -ModuleName TiLianBang.Install Get-NetFirewallRule { [pscustomobject]@{ Name = 'TiLianBang-HTTP' } }
        Mock -ModuleName TiLianBang.Install Remove-NetFirewallRule { }
    }

    It 'removes service, firewall rules and program, keeping the data' {
        & $uninstall -InstallDirectory $programDir
        $LASTEXITCODE | Should -Be 0
        Should -Invoke -ModuleName TiLianBang.Install Stop-Service -Times 1 -Exactly -ParameterFilter { $Name -eq 'TiLianBang' }
        Should -Invoke -ModuleName TiLianBang.Install Invoke-Sc -Times 1 -Exactly -ParameterFilter { ($Arguments -join ' ') -eq 'delete TiLianBang' }
        Should -Invoke -ModuleName TiLianBang.Install Remove-NetFirewallRule -Times 1 -Exactly -ParameterFilter { $Group -eq 'TiLianBang' }
        $programDir | Should -Not -Exist
        "$dataDir/tilianbang.db" | Should -Exist
    }

    It 'removes the data folder too with -RemoveData' {
        & $uninstall -InstallDirectory $programDir -RemoveData
        $LASTEXITCODE | Should -Be 0
        $dataDir | Should -Not -Exist
    }

    It 'refuses to run without elevation' {
        Mock -ModuleName TiLianBang.Install Test-Elevated { $false }
        & $uninstall -InstallDirectory $programDir -RemoveData 2>$null
        $LASTEXITCODE | Should -Be 1
        $programDir | Should -Exist
        Should -Invoke -ModuleName TiLianBang.Install Invoke-Sc -Times 0 -Exactly
    }
}

Describe 'The program verbs (backup, restore) as upgrade.ps1 runs them' -Skip:$IsWindows {
    BeforeAll {
        $programDir = Join-Path $TestDrive 'verb program'
        New-Item -ItemType Directory -Force $programDir | Out-Null
        # A stand-in for TiLianBang.Web.exe: records where it ran and with what, then behaves as told.
        Set-Content "$programDir/TiLianBang.Web.exe" @'
#!/bin/sh
pwd > ran-in.txt
printf '%s\n' "$@" > arguments.txt
[ -n "$(cat behaviour.txt 2>/dev/null | grep sleep)" ] && sleep 30
[ -n "$(cat behaviour.txt 2>/dev/null | grep fail)" ] && { echo 'no such verb' >&2; exit 3; }
exit 0
'@
        chmod +x "$programDir/TiLianBang.Web.exe"
        $module = Get-Module TiLianBang.Install
    }
    BeforeEach { Remove-Item "$programDir/behaviour.txt" -ErrorAction SilentlyContinue }

    It 'runs the program in its folder with the arguments, a path with spaces kept whole' {
        & $module { param($p) Invoke-TiLianBangVerb -InstallDirectory $p -Arguments @('backup', '--to', '/backups/with space') } $programDir
        (Get-Content "$programDir/ran-in.txt").Trim() | Should -Be $programDir
        Get-Content "$programDir/arguments.txt" | Should -Be @('backup', '--to', '/backups/with space')
    }

    It 'reports the exit code and the error output of a failed verb' {
        Set-Content "$programDir/behaviour.txt" 'fail'
        { & $module { param($p) Invoke-TiLianBangVerb -InstallDirectory $p -Arguments @('backup', '--to', '/b') } $programDir } |
            Should -Throw '*failed (3)*no such verb*'
    }

    It 'gives up on a program that does not return (one without the verb would start serving)' {
        Set-Content "$programDir/behaviour.txt" 'sleep'
        { & $module { param($p) Invoke-TiLianBangVerb -InstallDirectory $p -Arguments @('backup') -TimeoutSeconds 1 } $programDir } |
            Should -Throw '*did not finish within 1 s*'
    }
}
