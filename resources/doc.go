// Package resources holds confd's domain types: one struct per family of
// the wazo-confd API with its JSON and database tags, the schemas that
// validate request bodies with wazo's rules and messages, and the Error type
// whose messages reproduce wazo-confd's.
package resources
