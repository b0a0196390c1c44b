package confd

// CreateTenantSIPTemplates exposes createTenantSIPTemplates to the tests
// of package confd_test until Tenants calls it.
var CreateTenantSIPTemplates = createTenantSIPTemplates
