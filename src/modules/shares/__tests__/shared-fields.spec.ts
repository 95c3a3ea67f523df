import { CaseFieldGroup } from '@modules/access/case-access.policy';
import { fieldGroupsFor, SharedField } from '../shared-fields';

describe('shared field catalogue', () => {
  it('opens only the sealed groups the shared fields are cut from', () => {
    expect(fieldGroupsFor([SharedField.FIRST_NAME, SharedField.CITY])).toEqual([CaseFieldGroup.Identity, CaseFieldGroup.Location].sort());
    expect(fieldGroupsFor([SharedField.CONTACT_CHANNELS, SharedField.NEEDS])).toEqual([CaseFieldGroup.Contact, CaseFieldGroup.Health].sort());
  });

  it('opens nothing for fields of plain columns', () => {
    expect(
      fieldGroupsFor([SharedField.STAGE, SharedField.PRIORITY, SharedField.DEPENDANTS_COUNT, SharedField.CURRENT_COUNTRY, SharedField.NEXT_CHECKIN_DUE]),
    ).toEqual([]);
  });

  it('never opens the narrative, SOGIESC, documents, notes or dependants groups', () => {
    const opened = fieldGroupsFor(Object.values(SharedField));
    for (const group of [CaseFieldGroup.Narrative, CaseFieldGroup.Sogiesc, CaseFieldGroup.Documents, CaseFieldGroup.Notes, CaseFieldGroup.Dependants])
      expect(opened).not.toContain(group);
  });
});
