-- The tenant's generated SIP template for meeting guests.
ALTER TABLE tenants ADD COLUMN meeting_guest_sip_template_uuid TEXT;
