/**
 * The resource-kind table: real resource ids (Azure, Arc, Defender's AWS/GCP connectors), Defender's
 * alert type prefixes (Microsoft's alert reference), entities when nothing else says.
 */
import { byResourceId, classifyResourceKind, type ResourceKind } from '../../src/domain/resource-kind';

const SUB = '/subscriptions/3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';
const rg = (name: string) => `${SUB}/resourceGroups/${name}`;

describe('kind of a resource id (provider type)', () => {
  test.each<[string, ResourceKind | 'machine' | undefined]>([
    [`${rg('rg-prod-web')}/providers/Microsoft.Compute/virtualMachines/web-vm-01`, 'machine'],
    [`${rg('rg-prod-web')}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-web/virtualMachines/3`, 'machine'],
    [`${rg('rg-onprem')}/providers/Microsoft.HybridCompute/machines/fs-onprem-01`, 'machine'],
    [`${rg('rg-prod-data')}/providers/Microsoft.Storage/storageAccounts/stprodinvoices01`, 'storage-account'],
    [`${rg('rg-prod-data')}/providers/Microsoft.Storage/storageAccounts/stprodinvoices01/blobServices/default`, 'storage-account'],
    [`${rg('rg-prod-data')}/providers/Microsoft.Sql/servers/sql-prod-orders/databases/orders`, 'azure-sql'],
    [`${rg('rg-prod-data')}/providers/Microsoft.Sql/managedInstances/sqlmi-prod`, 'azure-sql'],
    [`${rg('rg-prod-data')}/providers/Microsoft.Synapse/workspaces/syn-prod/sqlPools/pool1`, 'azure-sql'],
    [`${rg('rg-prod-data')}/providers/Microsoft.SqlVirtualMachine/SqlVirtualMachines/sql-vm-01`, 'sql-on-machine'],
    [`${rg('rg-onprem')}/providers/Microsoft.AzureArcData/SqlServerInstances/fs-onprem-01_MSSQLSERVER`, 'sql-on-machine'],
    [`${rg('rg-prod-data')}/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-prod-01`, 'open-source-database'],
    [`${rg('rg-prod-data')}/providers/Microsoft.DBforMySQL/flexibleServers/mysql-prod-01`, 'open-source-database'],
    [`${rg('rg-prod-data')}/providers/Microsoft.DBforMariaDB/servers/mariadb-prod-01`, 'open-source-database'],
    [`${rg('rg-prod-data')}/providers/Microsoft.KeyVault/vaults/kv-prod-payments`, 'key-vault'],
    [`${rg('rg-prod-data')}/providers/Microsoft.KeyVault/managedHSMs/hsm-prod`, 'key-vault'],
    [`${rg('rg-prod-aks')}/providers/Microsoft.ContainerService/managedClusters/aks-prod-01`, 'kubernetes'],
    [`${rg('rg-onprem')}/providers/Microsoft.Kubernetes/connectedClusters/k8s-onprem`, 'kubernetes'],
    [`${rg('rg-prod-aks')}/providers/Microsoft.ContainerRegistry/registries/contosoacr`, 'kubernetes'],
    [`${rg('rg-prod-web')}/providers/Microsoft.Web/sites/app-prod-portal`, 'app-service'],
    [`${rg('rg-prod-data')}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-prod-catalog`, 'cosmos-db'],
    [`${rg('rg-prod-api')}/providers/Microsoft.ApiManagement/service/apim-prod-01/apis/orders-api`, 'api-management'],
    [`${rg('rg-prod-ai')}/providers/Microsoft.CognitiveServices/accounts/oai-prod-01`, 'ai-service'],
    [`${rg('rg-prod-ai')}/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod`, 'ai-service'],
    [`${rg('rg-dns')}/providers/Microsoft.Network/dnsZones/contoso.example`, 'dns'],
    [SUB, 'resource-manager'],
    [`${SUB}/`, 'resource-manager'],
    [rg('rg-prod-data'), 'resource-manager'],
    [`${SUB}/resourcegroups/rg-mc/providers/microsoft.security/securityconnectors/aws-prod/securityentitydata/aws-ec2-instance-i-0a1b2c3d4e5f60718-eu-west-1`, 'machine'],
    [`${SUB}/resourcegroups/rg-mc/providers/microsoft.security/securityconnectors/aws-prod/securityentitydata/aws-eks-cluster-payments-eu-west-1`, 'kubernetes'],
    [`${SUB}/resourcegroups/rg-mc/providers/microsoft.security/securityconnectors/aws-prod/securityentitydata/aws-s3-bucket-contoso-exports`, 'storage-account'],
    [`${SUB}/resourcegroups/acat-aws/providers/microsoft.security/securityconnectors/acatawsconnector/securityentitydata/aws-iam-user-testuser`, 'resource-manager'],
    [`${SUB}/resourcegroups/rg-mc/providers/microsoft.security/securityconnectors/gcp-prod/securityentitydata/gcp-compute-instance-web-1`, 'machine'],
    [`${SUB}/resourcegroups/rg-mc/providers/microsoft.security/securityconnectors/gcp-prod/securityentitydata/gcp-gke-cluster-payments`, 'kubernetes'],
    [`${rg('rg-prod-web')}/providers/Microsoft.Network/publicIPAddresses/pip-web-frontend`, undefined],
    ['not a resource id', undefined],
  ])('%s', (id, kind) => {
    expect(byResourceId(id)).toBe(kind);
  });
});

describe('kind of an alert', () => {
  const vm = `${rg('rg-prod-web')}/providers/Microsoft.Compute/virtualMachines/web-vm-01`;
  test.each<[string, string | undefined, string[], string | undefined, ResourceKind]>([
    ['VM_SuspiciousPowerShellCommandLine', vm, ['host', 'account', 'process'], 'Windows Windows Server 2019 Datacenter', 'windows-machine'],
    ['VM_SshBruteForceFailed', vm, ['host', 'ip'], 'Linux Ubuntu 22.04', 'linux-machine'],
    ['VM_SshBruteForceFailed', vm, ['host'], undefined, 'linux-machine'],
    ['VM_EICAR', vm, ['host'], undefined, 'windows-machine'],
    ['SQL.VM_BruteForce', vm, ['host'], 'Windows', 'sql-on-machine'],
    ['SQL.DB_VulnerabilityToSqlInjection', undefined, [], undefined, 'azure-sql'],
    ['SQL.PostgreSQL_BruteForce', undefined, [], undefined, 'open-source-database'],
    ['SQL.MySQL_BruteForce', undefined, [], undefined, 'open-source-database'],
    ['Storage.Blob_SuspiciousIp', undefined, [], undefined, 'storage-account'],
    ['Storage.Files_SuspiciousIp', undefined, [], undefined, 'storage-account'],
    ['KV_TORAccess', undefined, [], undefined, 'key-vault'],
    ['K8S_PrivilegedContainer', undefined, [], undefined, 'kubernetes'],
    ['K8S.NODE_SuspectDownloadArtifacts', vm, ['host'], 'Linux', 'kubernetes'],
    ['AppServices_PhpInUploadFolder', undefined, [], undefined, 'app-service'],
    ['ARM_MicroBurst.AzureDomainInfo', SUB, [], undefined, 'resource-manager'],
    ['AzureDNS_ThreatIntelSuspectDomain', vm, ['host', 'dns'], 'Linux', 'dns'],
    ['CosmosDB_TorAnomaly', undefined, [], undefined, 'cosmos-db'],
    ['API_AccessFromTorExitNode', undefined, [], undefined, 'api-management'],
    ['AI.Azure_Jailbreak.ContentFiltering.BlockedAttempt', undefined, [], undefined, 'ai-service'],
    ['SomeNewAlert', undefined, ['k8s-pod', 'container'], undefined, 'kubernetes'],
    ['SomeNewAlert', undefined, ['blob-container'], undefined, 'storage-account'],
    ['SomeNewAlert', undefined, ['host'], 'Red Hat Enterprise Linux 9', 'linux-machine'],
    ['NETWORK_DDOS_DETECTED', `${rg('rg-prod-web')}/providers/Microsoft.Network/publicIPAddresses/pip-web`, ['azure-resource'], undefined, 'unknown'],
  ])('%s on %s → %s', (alertType, resourceId, entityTypes, os, kind) => {
    expect(classifyResourceKind({ alertType, resourceId, entityTypes, os })).toBe(kind);
  });
});
