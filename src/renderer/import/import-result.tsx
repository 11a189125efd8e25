/** What an import did: how many rows became cases, which were skipped or refused, the refs made. */
import { Button, Card, Descriptions, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LaporCommitResult } from '../../shared/api/views-imports';
import { navigate } from '../hooks/use-route';

export function ImportResultCard({ result, onAgain }: { result: LaporCommitResult; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <Card title={t('import.title')}>
      <Result
        status="success"
        data-testid="import-result"
        title={t('import.done', { count: result.imported })}
        subTitle={result.firstRef && result.lastRef ? t('import.doneRefs', { first: result.firstRef, last: result.lastRef }) : undefined}
        extra={[
          <Button key="cases" type="primary" onClick={() => navigate({ page: 'cases', filters: { channel: 'lapor' } })}>
            {t('import.seeCases')}
          </Button>,
          <Button key="again" onClick={onAgain}>
            {t('import.another')}
          </Button>,
        ]}
      >
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('import.count.imported')}>{result.imported}</Descriptions.Item>
          <Descriptions.Item label={t('import.count.duplicates')}>{result.duplicates}</Descriptions.Item>
          <Descriptions.Item label={t('import.count.refused')}>{result.refused.length}</Descriptions.Item>
          <Descriptions.Item label={t('import.firstRef')}>{result.firstRef ?? t('common.dash')}</Descriptions.Item>
          <Descriptions.Item label={t('import.lastRef')}>{result.lastRef ?? t('common.dash')}</Descriptions.Item>
        </Descriptions>
      </Result>
    </Card>
  );
}
