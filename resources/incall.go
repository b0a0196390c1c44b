package resources

import "github.com/uptrace/bun"

// Incall is an incoming call route: the calls to its extensions (DIDs, in
// an incall context) go to its destination.
type Incall struct {
	bun.BaseModel `bun:"table:incalls"`

	ID                   int              `bun:"id,pk,autoincrement" json:"id"`
	TenantUUID           string           `bun:"tenant_uuid" json:"tenant_uuid"`
	PreprocessSubroutine *string          `bun:"preprocess_subroutine" json:"preprocess_subroutine"`
	GreetingSound        *string          `bun:"greeting_sound" json:"greeting_sound"`
	CallerIDMode         *string          `bun:"caller_id_mode" json:"caller_id_mode"`
	CallerIDName         *string          `bun:"caller_id_name" json:"caller_id_name"`
	Description          *string          `bun:"description" json:"description"`
	Destination          Destination      `bun:"-" json:"destination"`
	Links                []Link           `bun:"-" json:"links"`
	Extensions           []ExtensionBrief `bun:"-" json:"extensions"`
	Schedules            []NamedRef       `bun:"-" json:"schedules"`
}

// GetID returns the incall's id.
func (i *Incall) GetID() any { return i.ID }

// SetTenant sets the tenant owning the incall.
func (i *Incall) SetTenant(uuid string) { i.TenantUUID = uuid }

// GetTenant returns the tenant owning the incall.
func (i *Incall) GetTenant() string { return i.TenantUUID }

// Defaults gives empty relations; the destination is required.
func (i *Incall) Defaults() {
	i.Extensions = NonNil(i.Extensions)
	i.Schedules = NonNil(i.Schedules)
}

// IncallSchema validates incall bodies: wazo's, with a destination.
var IncallSchema = FromContract("IncallSchema", DestinationField("destination").Req())

// Validate checks i against the API's rules.
func (i *Incall) Validate() error { return Check(IncallSchema, i) }
