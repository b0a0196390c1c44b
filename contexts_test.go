package confd_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopbx/confd"
	"github.com/gopbx/confd/reload"
	"github.com/gopbx/confd/resources"
)

func TestContexts_Create(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		t.Run("OK", func(t *testing.T) {
			c := mustCreateContext(t, e, &confd.Context{Label: "Office"})
			assert.NotZero(t, c.ID)
			assert.Equal(t, "internal", c.Type)
			assert.Equal(t, "ctx-acme-internal-"+c.UUID, c.Name)
			assert.True(t, *c.Enabled)
			assert.Equal(t, []string{"context_created"}, e.delivered(t))
			assert.Equal(t, []string{"dialplan reload"}, e.reload.Merged().Ipbx)
			ev := e.events.Events()[0]
			assert.Equal(t, "config.contexts.created", ev.RoutingKey)
			assert.Equal(t, e.tenant, ev.TenantUUID)
			assert.JSONEq(t, `{"id":`+itoa(c.ID)+`,"name":"`+c.Name+`","type":"internal","tenant_uuid":"`+e.tenant+`"}`, string(ev.Data))
			e.flush(t)
		})
		t.Run("ErrLabelRequired", func(t *testing.T) {
			err := e.Contexts.Create(e.ctx, confd.Scope{}, &confd.Context{TenantUUID: e.tenant})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "label")
			assert.Empty(t, e.delivered(t))
			assert.Empty(t, e.reload.Requests())
		})
		t.Run("ErrBadRange", func(t *testing.T) {
			err := e.Contexts.Create(e.ctx, confd.Scope{}, &confd.Context{TenantUUID: e.tenant, Label: "x",
				UserRanges: []confd.Range{{Start: "60", End: "50"}}})
			assert.Equal(t, resources.Invalid, resources.KindOf(err))
			assert.Contains(t, err.Error(), "user_ranges")
		})
		t.Run("ErrTenantOutOfScope", func(t *testing.T) {
			err := e.Contexts.Create(e.ctx, confd.InTenants("other"), &confd.Context{TenantUUID: e.tenant, Label: "x"})
			assert.Error(t, err)
		})
	})
}

func TestContexts_Delete(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := mustCreateContext(t, e, &confd.Context{Label: "Office", UserRanges: []confd.Range{{Start: "100", End: "199"}}})
		x := mustCreateExtension(t, e, "100", c.Name)
		e.flush(t)
		t.Run("ErrExtensionAssociated", func(t *testing.T) {
			err := e.Contexts.Delete(e.ctx, confd.Scope{}, c.ID)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "Context is associated with a Extension")
			assert.Empty(t, e.delivered(t))
		})
		t.Run("OK", func(t *testing.T) {
			require.NoError(t, e.Extensions.Delete(e.ctx, confd.Scope{}, x.ID))
			require.NoError(t, e.Contexts.Delete(e.ctx, confd.Scope{}, c.ID))
			assert.Equal(t, []string{"extension_deleted", "context_deleted"}, e.delivered(t))
			_, err := e.Contexts.Get(e.ctx, confd.Scope{}, c.ID)
			assert.True(t, resources.IsNotFound(err))
		})
	})
}

func TestContexts_SetContexts(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := mustCreateContext(t, e, &confd.Context{Label: "a"})
		b := mustCreateContext(t, e, &confd.Context{Label: "b"})
		c := mustCreateContext(t, e, &confd.Context{Label: "c"})
		e.flush(t)
		require.NoError(t, e.Contexts.SetContexts(e.ctx, confd.Scope{}, a.ID, []int{c.ID, b.ID}))
		got, err := e.Contexts.Get(e.ctx, confd.Scope{}, a.ID)
		require.NoError(t, err)
		require.Len(t, got.Contexts, 2)
		assert.Equal(t, []int{c.ID, b.ID}, []int{got.Contexts[0].ID, got.Contexts[1].ID})
		assert.Equal(t, []string{"contexts_associated"}, e.delivered(t))
		e.flush(t)

		for name, ids := range map[string][]int{"ErrSelf": {a.ID}, "ErrTwice": {b.ID, b.ID}, "ErrUnknown": {999999}} {
			t.Run(name, func(t *testing.T) {
				err := e.Contexts.SetContexts(e.ctx, confd.Scope{}, a.ID, ids)
				assert.Equal(t, 400, status(err))
				assert.Empty(t, e.delivered(t))
			})
		}
		require.NoError(t, e.Contexts.Delete(e.ctx, confd.Scope{}, c.ID))
		got, err = e.Contexts.Get(e.ctx, confd.Scope{}, a.ID)
		require.NoError(t, err)
		assert.Len(t, got.Contexts, 1)
	})
}

func TestContexts_RangeItems(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := mustCreateContext(t, e, &confd.Context{Label: "r", UserRanges: []confd.Range{
			{Start: "100", End: "119"}, {Start: "000", End: "099"}, {Start: "070", End: "199"}}})
		mustCreateExtension(t, e, "105", c.Name)
		all, err := e.Contexts.RangeItems(e.ctx, confd.Scope{}, c.ID, confd.RangeQuery{Kind: "user"})
		require.NoError(t, err)
		assert.Equal(t, []confd.Range{{Start: "000", End: "199"}}, all)
		free, err := e.Contexts.RangeItems(e.ctx, confd.Scope{}, c.ID, confd.RangeQuery{Kind: "user", Available: true})
		require.NoError(t, err)
		assert.Equal(t, []confd.Range{{Start: "000", End: "104"}, {Start: "106", End: "199"}}, free)
		found, err := e.Contexts.RangeItems(e.ctx, confd.Scope{}, c.ID, confd.RangeQuery{Kind: "user", Search: "11"})
		require.NoError(t, err)
		assert.Equal(t, []confd.Range{{Start: "011", End: "011"}, {Start: "110", End: "119"}}, found)
		_, err = e.Contexts.RangeItems(e.ctx, confd.Scope{}, c.ID, confd.RangeQuery{Kind: "bogus"})
		assert.True(t, resources.IsNotFound(err))
	})
}

func TestContexts_Starter(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		items, _, err := e.Contexts.List(e.ctx, confd.InTenants(e.tenant), confd.ListParams{})
		require.NoError(t, err)
		var names []string
		for _, c := range items {
			names = append(names, c.Name)
		}
		assert.Equal(t, []string{"default", "from-extern", "to-extern"}, names)
		assert.True(t, items[0].InRange("user", "1500"))
		sub := &confd.Tenant{Slug: "sub"}
		require.NoError(t, e.Tenants.Create(e.ctx, e.tenant, sub))
		_, total, err := e.Contexts.List(e.ctx, confd.InTenants(sub.UUID), confd.ListParams{})
		require.NoError(t, err)
		assert.Zero(t, total, "only the operator tenant gets the starter dialplan")
	})
}

var _ = reload.Commands

// A transaction reads a context by name once, and sees it anew after
// writing contexts.
func TestContextByName_ForgottenOnWrite(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		err := e.RunInTx(e.ctx, func(ctx context.Context, tx *confd.Client) error {
			early := &confd.Line{Context: "fresh", TenantUUID: e.tenant}
			if err := tx.Lines.Create(ctx, confd.Scope{}, early); err == nil {
				return errors.New("a line in a missing context was created")
			}
			c := &confd.Context{Name: "fresh", Label: "Fresh", TenantUUID: e.tenant}
			if err := tx.Contexts.Create(ctx, confd.Scope{}, c); err != nil {
				return err
			}
			return tx.Lines.Create(ctx, confd.Scope{}, &confd.Line{Context: "fresh", TenantUUID: e.tenant})
		})
		require.NoError(t, err, "the new context is seen in the same transaction")
	})
}
