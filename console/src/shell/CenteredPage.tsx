import { Container, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A single card in the middle of the page: sign-in, enrolment, the lock screen. */
export function CenteredPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Container component="main" size={460} py="xl">
      <Paper withBorder shadow="sm" p="xl" radius="md">
        <Title order={1} size="h2" mb="lg">
          {title}
        </Title>
        {children}
      </Paper>
    </Container>
  );
}
