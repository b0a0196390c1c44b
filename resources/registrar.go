package resources

import (
	"github.com/uptrace/bun"
)

// Registrar is a SIP registrar and its proxies: the addresses phones are
// provisioned with (wazo keeps them as provd "registrar" configs). Lines
// name theirs by id. Registrars are global, not owned by a tenant.
type Registrar struct {
	bun.BaseModel `bun:"table:registrars"`

	// ID is chosen by the creator or generated (32 hex digits).
	ID string `bun:"id,pk" json:"id,omitempty"`
	// Deletable false protects the registrar from deletion.
	Deletable         *bool   `bun:"deletable" json:"deletable"`
	Name              *string `bun:"name" json:"name"`
	MainHost          string  `bun:"main_host" json:"main_host"`
	MainPort          *int    `bun:"main_port" json:"main_port"`
	BackupHost        *string `bun:"backup_host" json:"backup_host"`
	BackupPort        *int    `bun:"backup_port" json:"backup_port"`
	ProxyMainHost     string  `bun:"proxy_main_host" json:"proxy_main_host"`
	ProxyMainPort     *int    `bun:"proxy_main_port" json:"proxy_main_port"`
	ProxyBackupHost   *string `bun:"proxy_backup_host" json:"proxy_backup_host"`
	ProxyBackupPort   *int    `bun:"proxy_backup_port" json:"proxy_backup_port"`
	OutboundProxyHost *string `bun:"outbound_proxy_host" json:"outbound_proxy_host"`
	OutboundProxyPort *int    `bun:"outbound_proxy_port" json:"outbound_proxy_port"`
	Links             []Link  `bun:"-" json:"links"`
}

// GetID returns the registrar's id.
func (r *Registrar) GetID() any { return r.ID }

// GetTenant returns "": registrars are global.
func (r *Registrar) GetTenant() string { return "" }

// SetTenant does nothing: registrars are global.
func (r *Registrar) SetTenant(string) {}

// Defaults makes a registrar deletable unless told otherwise.
func (r *Registrar) Defaults() {
	if r.Deletable == nil {
		r.Deletable = Ptr(true)
	}
}

// RegistrarSchema validates registrar bodies: wazo's, and we also refuse
// an empty id, which no path could address.
var RegistrarSchema = FromContract("RegistrarSchema", Str("id").Len(1, -1))

// Validate checks r against the API's rules; an empty id is left to be
// generated.
func (r *Registrar) Validate() error { return Check(RegistrarSchema, r) }

// Fields returns the registrar's fields by their API name, links left
// out: what wazo's events carry and what search and sort look at.
func (r *Registrar) Fields() map[string]any {
	return map[string]any{
		"id": r.ID, "deletable": r.Deletable, "name": r.Name,
		"main_host": r.MainHost, "main_port": r.MainPort,
		"backup_host": r.BackupHost, "backup_port": r.BackupPort,
		"proxy_main_host": r.ProxyMainHost, "proxy_main_port": r.ProxyMainPort,
		"proxy_backup_host": r.ProxyBackupHost, "proxy_backup_port": r.ProxyBackupPort,
		"outbound_proxy_host": r.OutboundProxyHost, "outbound_proxy_port": r.OutboundProxyPort,
	}
}
