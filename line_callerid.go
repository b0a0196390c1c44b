package confd

import (
	"context"
	"strings"

	"github.com/gopbx/confd/resources"
)

// setLineCallerID stores the caller id a line shows, when one is given.
func (c *Client) setLineCallerID(ctx context.Context, l *resources.Line, name, num *string) error {
	if name == nil && num == nil {
		return nil
	}
	l.CallerIDName, l.CallerIDNum = name, num
	return c.tx.ExecLater(ctx, c.tx.NewUpdate().Table("lines").Set("caller_id_name = ?", name).Set("caller_id_num = ?", num).
		Where("id = ?", l.ID))
}

// lineCallerIDToEndpoint writes the line's caller id into its endpoint's
// options (SIP callerid, SCCP cid_name and cid_num), and the line's
// context into a SIP endpoint's, as wazo does.
func lineCallerIDToEndpoint(nl *NewLine) error {
	l := nl.Line
	if sip := nl.EndpointSIP; sip != nil {
		if !hasSIPOption(sip.EndpointSectionOptions, "context") {
			sip.EndpointSectionOptions = append(sip.EndpointSectionOptions, resources.SIPOption{"context", l.Context})
		}
		if l.CallerIDName == nil {
			return nil
		}
		if hasSIPOption(sip.EndpointSectionOptions, "callerid") {
			return ambiguousCallerID(l, "endpoint_sip.endpoint_section_options[\"callerid\"]")
		}
		cid := `"` + *l.CallerIDName + `"`
		if l.CallerIDNum != nil {
			cid += " <" + *l.CallerIDNum + ">"
		}
		sip.EndpointSectionOptions = append(sip.EndpointSectionOptions, resources.SIPOption{"callerid", cid})
	}
	if sccp := nl.EndpointSCCP; sccp != nil && l.CallerIDName != nil {
		for _, o := range sccp.Options {
			if len(o) == 2 && (o[0] == "cid_name" || o[0] == "cid_num") {
				return ambiguousCallerID(l, "endpoint_sccp.options[\""+o[0]+"\"]")
			}
		}
		sccp.Options = append(sccp.Options, []string{"cid_name", *l.CallerIDName})
		if l.CallerIDNum != nil {
			sccp.Options = append(sccp.Options, []string{"cid_num", *l.CallerIDNum})
		}
	}
	return nil
}

// endpointCallerID reads the caller id a new line's endpoint brings: SIP
// callerid `"Name" <number>`, SCCP cid_name and cid_num.
func endpointCallerID(nl *NewLine) (name, num *string) {
	if sip := nl.EndpointSIP; sip != nil {
		for _, o := range sip.EndpointSectionOptions {
			if o[0] == "callerid" {
				return parseCallerID(o[1])
			}
		}
	}
	if sccp := nl.EndpointSCCP; sccp != nil {
		for _, o := range sccp.Options {
			if len(o) == 2 && o[0] == "cid_name" {
				name = &o[1]
			} else if len(o) == 2 && o[0] == "cid_num" {
				num = &o[1]
			}
		}
	}
	return name, num
}

// parseCallerID splits `"Name" <number>` (quotes and number optional).
func parseCallerID(cid string) (name, num *string) {
	n := strings.TrimSpace(cid)
	if i := strings.LastIndex(n, "<"); i >= 0 && strings.HasSuffix(n, ">") {
		number := n[i+1 : len(n)-1]
		num, n = &number, strings.TrimSpace(n[:i])
	}
	n = strings.Trim(n, `"`)
	if n != "" {
		name = &n
	}
	return name, num
}

func hasSIPOption(opts []resources.SIPOption, key string) bool {
	for _, o := range opts {
		if o[0] == key {
			return true
		}
	}
	return false
}

func ambiguousCallerID(l *resources.Line, where string) error {
	return resources.ErrInput("_schema: ['Ambiguous caller ID: line.caller_id_name = %s %s is also set']", *l.CallerIDName, where)
}
