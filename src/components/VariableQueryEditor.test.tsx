import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { DataSource } from '../datasource';
import { fakeTemplateSrv, instanceSettings } from '../test/fakes';
import { VariableQueryEditor } from './VariableQueryEditor';

describe('VariableQueryEditor', () => {
  it('defaults to the first column and switches to text and value', () => {
    const onChange = jest.fn();
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}));
    render(
      <VariableQueryEditor
        datasource={ds}
        query={{ refId: 'variable', queryText: 'DeviceInfo | project DeviceName, DeviceId' }}
        onChange={onChange}
        onRunQuery={jest.fn()}
      />
    );
    expect(screen.getByRole('radio', { name: 'First column' })).toBeChecked();
    fireEvent.click(screen.getByRole('radio', { name: 'Text and value' }));
    expect(onChange).toHaveBeenCalledWith({
      refId: 'variable',
      queryText: 'DeviceInfo | project DeviceName, DeviceId',
      variableColumns: 'textValue',
    });
  });
});

describe('VariableQueryEditor format', () => {
  it('hides the format picker: variable queries always run as tables', () => {
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}));
    render(
      <VariableQueryEditor datasource={ds} query={{ refId: 'variable' }} onChange={jest.fn()} onRunQuery={jest.fn()} />
    );
    expect(screen.queryByRole('radio', { name: 'Time series' })).toBeNull();
  });
});
