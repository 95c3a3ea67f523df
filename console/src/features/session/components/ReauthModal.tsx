import { Button, Modal, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { abandonSession } from '../api/session';
import { currentProfile, useReauthenticating, useSession } from '../api/session-store';
import { SignInForm } from './SignInForm';

/**
 * The session ended under an open page (an API call met 401 and the cookie could not renew it):
 * the password and a code are asked for in a dialog over the page, which stays mounted, so a
 * half-filled form keeps what was typed; the waiting request is then sent again. Someone else
 * signing in here gets a fresh start instead (the previous user's answers are dropped).
 */
export function ReauthModal() {
  const { t } = useTranslation();
  const open = useReauthenticating();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const who = useRef<string | null>(null);
  if (open && who.current === null) who.current = currentProfile()?.id ?? null;
  const signedIn = () => {
    const before = who.current;
    who.current = null;
    if (before !== null && currentProfile()?.id !== before) {
      queryClient.clear();
      void navigate({ to: '/today' });
    }
  };
  const leave = async () => {
    await abandonSession(queryClient);
    await navigate({ to: '/sign-in' });
  };
  return (
    <Modal
      opened={open}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={t('session.endedTitle')}
      centered
    >
      <Text size="sm" mb="md">
        {t('session.endedBody')}
      </Text>
      <SignInForm email={session?.email ?? undefined} onSignedIn={signedIn} />
      <Button variant="subtle" mt="sm" fullWidth onClick={() => void leave()}>
        {t('app.signOut')}
      </Button>
    </Modal>
  );
}
