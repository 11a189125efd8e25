/** Units (the desk's office and the OPDs) and their positions, as the office overview has them. */
import { Col, Row, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Position, Unit } from '../../shared/domain/org';
import { useApp } from '../hooks/use-app';

/** Read-only lists of units and positions; selecting a unit filters the positions. */
export function OrgTab() {
  const { t } = useTranslation();
  const { overview } = useApp();
  const [unitId, setUnitId] = useState<string | null>(null);
  const roleName = (id: string) => overview.preset.roles.find((r) => r.id === id)?.name ?? id;
  const unitName = (id: string) => overview.units.find((u) => u.id === id)?.name ?? id;
  const activeTag = (v: boolean) => (v ? <Tag color="green">{t('user.activeYes')}</Tag> : <Tag>{t('user.activeNo')}</Tag>);

  const unitColumns: ColumnsType<Unit> = [
    { title: t('org.code'), dataIndex: 'code', width: 110 },
    { title: t('org.unitName'), dataIndex: 'name' },
    {
      title: t('org.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (v: Unit['kind']) => <Tag color={v === 'hub' ? 'blue' : undefined}>{t(`unitKind.${v}`)}</Tag>,
    },
    { title: t('user.active'), dataIndex: 'active', width: 80, render: activeTag },
  ];
  const positionColumns: ColumnsType<Position> = [
    { title: t('org.positionTitle'), dataIndex: 'title' },
    { title: t('org.unit'), dataIndex: 'unitId', render: unitName, ellipsis: true },
    { title: t('org.role'), dataIndex: 'roleId', render: roleName, ellipsis: true },
    { title: t('user.active'), dataIndex: 'active', width: 80, render: activeTag },
  ];
  const positions = unitId ? overview.positions.filter((p) => p.unitId === unitId) : overview.positions;

  return (
    <Row gutter={12}>
      <Col xs={24} xl={11}>
        <Typography.Title level={5}>{t('org.units', { count: overview.units.length })}</Typography.Title>
        <Table<Unit>
          rowKey="id"
          size="small"
          columns={unitColumns}
          dataSource={overview.units}
          pagination={false}
          rowClassName={(u) => (u.id === unitId ? 'ant-table-row-selected alur-clickable-row' : 'alur-clickable-row')}
          onRow={(u) => ({ onClick: () => setUnitId(u.id === unitId ? null : u.id) })}
        />
      </Col>
      <Col xs={24} xl={13}>
        <Typography.Title level={5}>
          {unitId ? t('org.positionsOf', { unit: unitName(unitId), count: positions.length }) : t('org.positions', { count: positions.length })}
        </Typography.Title>
        <Table<Position>
          rowKey="id"
          size="small"
          columns={positionColumns}
          dataSource={positions}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
        />
      </Col>
    </Row>
  );
}
