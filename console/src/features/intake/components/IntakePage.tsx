import { Alert, Anchor, Button, Checkbox, Fieldset, Group, List, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '@console/styles/case-work.css';
import { ApiProblem, pointerToPath } from '@console/api/problem';
import { problemMessage } from '@console/app/problem-messages';
import { CHANNEL_TYPES, CONSENT_METHODS, PRIORITIES, useIntake, type IntakeResult } from '../api/intake';
import { emptyIntake, rowKey, toIntakeBody, validateIntake, type IntakeValues } from '../api/intake-form';

/** Problem codes that name one field though the answer carries no pointer. */
const FIELD_OF_CODE: Record<string, string> = { 'consent-to-services-required': 'consent.services' };

/** Every field path the form shows now (where a server pointer may land). */
function fieldPaths(values: IntakeValues): Set<string> {
  const paths = new Set<string>([
    'originCountry',
    'currentCountry',
    'activationCode',
    'narrative',
    'healthNeeds',
    'priority',
    'dependants',
    'documents',
    'contact.channels',
    'contact.safeContactInstructions',
  ]);
  for (const group of ['person', 'location', 'sogiesc', 'consent'] as const) for (const field of Object.keys(values[group])) paths.add(`${group}.${field}`);
  values.dependants.forEach((_, i) => ['givenName', 'familyName', 'relationship', 'dateOfBirth'].forEach((f) => paths.add(`dependants.${i}.${f}`)));
  values.contact.channels.forEach((_, i) => ['type', 'value'].forEach((f) => paths.add(`contact.channels.${i}.${f}`)));
  values.documents.forEach((_, i) => ['type', 'number', 'issuingCountry', 'expiresOn'].forEach((f) => paths.add(`documents.${i}.${f}`)));
  return paths;
}

/** New case: every intake field the server accepts, checked as the server checks it. */
export function IntakePage() {
  const { t } = useTranslation();
  const intake = useIntake();
  const [created, setCreated] = useState<IntakeResult | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<IntakeValues>({
    mode: 'controlled',
    initialValues: emptyIntake(new Date()),
    validate: (values) => Object.fromEntries(Object.entries(validateIntake(values)).map(([path, problem]) => [path, t(problem.key, problem.values)])),
  });

  /** Keyboard users land on the first field that needs attention. */
  const focusFirstError = () =>
    requestAnimationFrame(() => {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });

  const submit = form.onSubmit(
    (values) => {
      setGeneral(null);
      intake.mutate(toIntakeBody(values), {
        onSuccess: (result) => {
          if (!result) return;
          setCreated(result);
          form.reset();
          form.setValues(emptyIntake(new Date()));
        },
        onError: (error) => {
          const paths = fieldPaths(values);
          const errors: Record<string, string> = {};
          const rest: string[] = [];
          if (error instanceof ApiProblem) {
            for (const field of error.fields) {
              const path = pointerToPath(field.pointer);
              if (paths.has(path)) errors[path] = errors[path] ? `${errors[path]} ${field.detail}` : field.detail;
              else if (field.detail) rest.push(field.detail);
            }
            const implied = FIELD_OF_CODE[error.code];
            if (implied && !errors[implied]) errors[implied] = error.detail ?? error.title;
          }
          form.setErrors(errors);
          const placed = Object.keys(errors).length > 0;
          setGeneral(placed ? [t('intake.fixFields'), ...rest.filter((detail) => detail !== error.message)].join(' ') : problemMessage(t, error));
          focusFirstError();
        },
      });
    },
    () => {
      setGeneral(t('intake.fixFields'));
      focusFirstError();
    },
  );

  if (created) return <IntakeCreated result={created} onAnother={() => setCreated(null)} />;

  const values = form.getValues();
  return (
    <>
      <Title order={1} size="h2" mb="md">
        {t('intake.title')}
      </Title>
      <form ref={formRef} onSubmit={submit} noValidate aria-describedby="intake-required-note">
        <Stack gap="lg">
          <Text size="sm" id="intake-required-note">
            {t('intake.requiredNote')}
          </Text>
          {general && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}

          <Fieldset legend={t('intake.person.legend')}>
            <div className="form-grid">
              <TextInput
                label={t('intake.person.givenName')}
                withAsterisk
                aria-required="true"
                autoComplete="off"
                {...form.getInputProps('person.givenName')}
              />
              <TextInput
                label={t('intake.person.familyName')}
                withAsterisk
                aria-required="true"
                autoComplete="off"
                {...form.getInputProps('person.familyName')}
              />
              <TextInput label={t('intake.person.patronymic')} autoComplete="off" {...form.getInputProps('person.patronymic')} />
              <TextInput
                label={t('intake.person.aliases')}
                description={t('intake.person.aliasesHint')}
                autoComplete="off"
                {...form.getInputProps('person.aliases')}
              />
              <TextInput
                label={t('intake.person.dateOfBirth')}
                description={t('intake.dateOrYearHint')}
                autoComplete="off"
                {...form.getInputProps('person.dateOfBirth')}
              />
              <TextInput
                label={t('intake.person.gender')}
                description={t('intake.person.genderHint')}
                autoComplete="off"
                {...form.getInputProps('person.gender')}
              />
            </div>
          </Fieldset>

          <Fieldset legend={t('intake.dependants.legend')}>
            <Stack>
              {values.dependants.map((dependant, index) => (
                <Fieldset key={dependant.key} legend={t('intake.dependants.item', { count: index + 1 })} variant="unstyled">
                  <div className="form-grid">
                    <TextInput
                      label={t('intake.person.givenName')}
                      withAsterisk
                      aria-required="true"
                      autoComplete="off"
                      {...form.getInputProps(`dependants.${index}.givenName`)}
                    />
                    <TextInput
                      label={t('intake.person.familyName')}
                      withAsterisk
                      aria-required="true"
                      autoComplete="off"
                      {...form.getInputProps(`dependants.${index}.familyName`)}
                    />
                    <TextInput
                      label={t('intake.dependants.relationship')}
                      withAsterisk
                      aria-required="true"
                      autoComplete="off"
                      {...form.getInputProps(`dependants.${index}.relationship`)}
                    />
                    <TextInput
                      label={t('intake.person.dateOfBirth')}
                      description={t('intake.dateOrYearHint')}
                      autoComplete="off"
                      {...form.getInputProps(`dependants.${index}.dateOfBirth`)}
                    />
                  </div>
                  <Button mt="xs" variant="subtle" color="red" size="xs" onClick={() => form.removeListItem('dependants', index)}>
                    {t('intake.dependants.remove', { count: index + 1 })}
                  </Button>
                </Fieldset>
              ))}
              <Group>
                <Button
                  variant="default"
                  onClick={() => form.insertListItem('dependants', { key: rowKey(), givenName: '', familyName: '', relationship: '', dateOfBirth: '' })}
                >
                  {t('intake.dependants.add')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('intake.contact.legend')}>
            <Stack>
              {values.contact.channels.map((channel, index) => (
                <Group key={channel.key} align="flex-end" wrap="wrap">
                  <NativeSelect
                    label={t('intake.contact.type', { count: index + 1 })}
                    data={CHANNEL_TYPES.map((type) => ({ value: type, label: t(`intake.channel.${type}`) }))}
                    {...form.getInputProps(`contact.channels.${index}.type`)}
                  />
                  <TextInput
                    label={t('intake.contact.value', { count: index + 1 })}
                    withAsterisk
                    aria-required="true"
                    autoComplete="off"
                    style={{ flex: 1 }}
                    {...form.getInputProps(`contact.channels.${index}.value`)}
                  />
                  <Button variant="subtle" color="red" size="xs" onClick={() => form.removeListItem('contact.channels', index)}>
                    {t('intake.contact.remove', { count: index + 1 })}
                  </Button>
                </Group>
              ))}
              <Group>
                <Button variant="default" onClick={() => form.insertListItem('contact.channels', { key: rowKey(), type: 'SIGNAL', value: '' })}>
                  {t('intake.contact.add')}
                </Button>
              </Group>
              <Textarea
                label={t('intake.contact.safeContactInstructions')}
                description={t('intake.contact.safeContactHint')}
                autosize
                minRows={2}
                {...form.getInputProps('contact.safeContactInstructions')}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('intake.location.legend')}>
            <div className="form-grid">
              <TextInput
                label={t('intake.originCountry')}
                description={t('intake.countryHint')}
                withAsterisk
                aria-required="true"
                autoComplete="off"
                maxLength={2}
                {...form.getInputProps('originCountry')}
              />
              <TextInput
                label={t('intake.currentCountry')}
                description={t('intake.countryHint')}
                autoComplete="off"
                maxLength={2}
                {...form.getInputProps('currentCountry')}
              />
              <TextInput label={t('intake.location.city')} autoComplete="off" {...form.getInputProps('location.city')} />
              <TextInput label={t('intake.location.address')} autoComplete="off" {...form.getInputProps('location.address')} />
              <TextInput label={t('intake.location.safeHouse')} autoComplete="off" {...form.getInputProps('location.safeHouse')} />
              <TextInput
                label={t('intake.activationCode')}
                description={t('intake.activationCodeHint')}
                autoComplete="off"
                {...form.getInputProps('activationCode')}
              />
            </div>
          </Fieldset>

          <Fieldset legend={t('intake.story.legend')}>
            <Stack>
              <Textarea label={t('intake.narrative')} autosize minRows={3} {...form.getInputProps('narrative')} />
              <Textarea label={t('intake.healthNeeds')} autosize minRows={2} {...form.getInputProps('healthNeeds')} />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('intake.sogiesc.legend')}>
            <Text size="sm" c="dimmed" mb="xs">
              {t('intake.sogiesc.hint')}
            </Text>
            <div className="form-grid">
              <TextInput label={t('intake.sogiesc.sexualOrientation')} autoComplete="off" {...form.getInputProps('sogiesc.sexualOrientation')} />
              <TextInput label={t('intake.sogiesc.genderIdentity')} autoComplete="off" {...form.getInputProps('sogiesc.genderIdentity')} />
              <TextInput label={t('intake.sogiesc.genderExpression')} autoComplete="off" {...form.getInputProps('sogiesc.genderExpression')} />
              <TextInput label={t('intake.sogiesc.sexCharacteristics')} autoComplete="off" {...form.getInputProps('sogiesc.sexCharacteristics')} />
            </div>
            <Textarea mt="sm" label={t('intake.sogiesc.notes')} autosize minRows={2} {...form.getInputProps('sogiesc.notes')} />
          </Fieldset>

          <Fieldset legend={t('intake.documents.legend')}>
            <Stack>
              {values.documents.map((document, index) => (
                <Fieldset key={document.key} legend={t('intake.documents.item', { count: index + 1 })} variant="unstyled">
                  <div className="form-grid">
                    <TextInput
                      label={t('intake.documents.type')}
                      description={t('intake.documents.typeHint')}
                      withAsterisk
                      aria-required="true"
                      autoComplete="off"
                      {...form.getInputProps(`documents.${index}.type`)}
                    />
                    <TextInput label={t('intake.documents.number')} autoComplete="off" {...form.getInputProps(`documents.${index}.number`)} />
                    <TextInput
                      label={t('intake.documents.issuingCountry')}
                      description={t('intake.countryHint')}
                      autoComplete="off"
                      maxLength={2}
                      {...form.getInputProps(`documents.${index}.issuingCountry`)}
                    />
                    <TextInput
                      label={t('intake.documents.expiresOn')}
                      description={t('intake.dateHint')}
                      autoComplete="off"
                      {...form.getInputProps(`documents.${index}.expiresOn`)}
                    />
                  </div>
                  <Button mt="xs" variant="subtle" color="red" size="xs" onClick={() => form.removeListItem('documents', index)}>
                    {t('intake.documents.remove', { count: index + 1 })}
                  </Button>
                </Fieldset>
              ))}
              <Group>
                <Button
                  variant="default"
                  onClick={() => form.insertListItem('documents', { key: rowKey(), type: '', number: '', issuingCountry: '', expiresOn: '' })}
                >
                  {t('intake.documents.add')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('intake.consent.legend')}>
            <Stack>
              <Checkbox
                label={t('intake.consent.services')}
                aria-required="true"
                aria-invalid={form.errors['consent.services'] ? true : undefined}
                {...form.getInputProps('consent.services', { type: 'checkbox' })}
              />
              <Checkbox label={t('intake.consent.sharing')} {...form.getInputProps('consent.sharing', { type: 'checkbox' })} />
              <Checkbox label={t('intake.consent.resettlement')} {...form.getInputProps('consent.resettlement', { type: 'checkbox' })} />
              <div className="form-grid">
                <NativeSelect
                  label={t('intake.consent.method')}
                  withAsterisk
                  aria-required="true"
                  data={[
                    { value: '', label: t('intake.consent.chooseMethod') },
                    ...CONSENT_METHODS.map((method) => ({ value: method, label: t(`intake.consentMethod.${method}`) })),
                  ]}
                  {...form.getInputProps('consent.method')}
                />
                <TextInput
                  type="datetime-local"
                  label={t('intake.consent.obtainedAt')}
                  withAsterisk
                  aria-required="true"
                  {...form.getInputProps('consent.obtainedAt')}
                />
              </div>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('intake.priority.legend')}>
            <NativeSelect
              label={t('intake.priority.label')}
              description={t('intake.priority.hint')}
              data={PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
              {...form.getInputProps('priority')}
            />
          </Fieldset>

          <Group>
            <Button type="submit" loading={intake.isPending}>
              {t('intake.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

/** The case just opened, and at once any possible duplicate with a link to review it. */
function IntakeCreated({ result, onAnother }: { result: IntakeResult; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1} size="h2" mb="md">
        {t('intake.created.title')}
      </Title>
      <Stack>
        <Paper withBorder p="md" role="status">
          <Text fw={600}>{t('intake.created.opened')}</Text>
          <Anchor ff="monospace" renderRoot={(props) => <Link {...props} to="/cases/$ref" params={{ ref: result.reference }} />}>
            {result.reference}
          </Anchor>
        </Paper>
        {result.possibleDuplicate && result.duplicateCandidates.length > 0 && (
          <Paper withBorder p="md" role="alert" className="notice">
            <Text fw={700}>{t('intake.created.duplicateTitle')}</Text>
            <Text size="sm" mb="xs">
              {t('intake.created.duplicateText')}
            </Text>
            <List>
              {result.duplicateCandidates.map((other) => (
                <List.Item key={other}>
                  <Anchor renderRoot={(props) => <Link {...props} to="/cases/$ref/duplicates/$otherRef" params={{ ref: result.reference, otherRef: other }} />}>
                    {t('intake.created.review')}{' '}
                    <Text span ff="monospace">
                      {other}
                    </Text>
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Paper>
        )}
        <Group>
          <Button variant="default" onClick={onAnother}>
            {t('intake.created.another')}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
