import { Button, Group, Menu, Progress, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { downloadExport, type ExportFormat } from '../api';
import type { EventsView } from '../view';
import { t } from '../../../shared/i18n';
import { formatNumber } from '../../../shared/format';

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Export" the current view as CSV or JSON Lines; while the stream arrives, rows and bytes received are shown. */
export function ExportMenu({ view }: { view: EventsView }) {
  const [progress, setProgress] = useState<{ bytes: number; rows: number } | null>(null);
  const run = async (format: ExportFormat) => {
    setProgress({ bytes: 0, rows: 0 });
    try {
      const blob = await downloadExport(view, format, setProgress);
      save(blob, `audit-events.${format}`);
    } catch (error) {
      notifications.show({ color: 'red', title: t('security.export.failed'), message: errorMessage(error) });
    } finally {
      setProgress(null);
    }
  };
  if (progress)
    return (
      <Group gap="xs" role="status" aria-live="polite" w={260}>
        <Progress value={100} animated striped style={{ flex: 1 }} aria-label={t('security.export.inProgress')} />
        <Text size="sm">{t('security.export.progress', { count: progress.rows, kb: formatNumber(Math.round(progress.bytes / 1024)) })}</Text>
      </Group>
    );
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />}>
          {t('security.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void run('csv')}>{t('security.export.csv')}</Menu.Item>
        <Menu.Item onClick={() => void run('jsonl')}>{t('security.export.jsonl')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
