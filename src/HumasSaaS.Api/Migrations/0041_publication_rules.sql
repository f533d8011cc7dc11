-- Media cooperation: the configuration gains the section publicationRules (proof deadline and order quota per media
-- type). Configurations and versions written before it get the defaults of ConfigurationDefaults.PublicationRules, so
-- every stored document has every section (compare and adopt read them as they are).
UPDATE tenant_configurations SET state = state || jsonb_build_object('publicationRules', $$[
  {"code": "online", "mediaType": "online", "proofDeadlineDays": 2, "quotaPerPartner": 8, "quotaPeriod": "month"},
  {"code": "print_daily", "mediaType": "print_daily", "proofDeadlineDays": 2, "quotaPerPartner": 4, "quotaPeriod": "month"},
  {"code": "print_weekly", "mediaType": "print_weekly", "proofDeadlineDays": 7, "quotaPerPartner": 2, "quotaPeriod": "month"},
  {"code": "print_monthly", "mediaType": "print_monthly", "proofDeadlineDays": 10, "quotaPerPartner": 1, "quotaPeriod": "month"},
  {"code": "television", "mediaType": "television", "proofDeadlineDays": 7, "quotaPerPartner": 4, "quotaPeriod": "month"},
  {"code": "radio", "mediaType": "radio", "proofDeadlineDays": 7, "quotaPerPartner": 4, "quotaPeriod": "month"}
]$$::jsonb)
WHERE NOT state ? 'publicationRules';

UPDATE tenant_configuration_versions v SET state = v.state || jsonb_build_object('publicationRules', c.state -> 'publicationRules')
FROM tenant_configurations c
WHERE c.tenant_id = v.tenant_id AND NOT v.state ? 'publicationRules';

-- The new section can be shared for study visits like the others.
ALTER TABLE configuration_sharing DROP CONSTRAINT configuration_sharing_section_check;
ALTER TABLE configuration_sharing ADD CONSTRAINT configuration_sharing_section_check
    CHECK (section IN ('documentChecklist', 'intakePeriods', 'grading', 'priceTable', 'precedenceOverrides', 'eventTemplates',
                       'officeProfile', 'publicationRules', 'statistics'));
