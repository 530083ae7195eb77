import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { DataSource } from '../datasource';
import { selectors } from '../selectors';
import { fakeTemplateSrv, instanceSettings } from '../test/fakes';
import { AnnotationQueryEditor } from './AnnotationQueryEditor';

function renderAnnotation(queryText?: string) {
  const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}));
  render(
    <AnnotationQueryEditor
      datasource={ds}
      query={{ refId: 'Anno' }}
      onChange={jest.fn()}
      onRunQuery={jest.fn()}
      annotation={{ name: 'Alerts', enable: true, iconColor: 'red', target: { refId: 'Anno', queryText } }}
      onAnnotationChange={jest.fn()}
    />
  );
}

describe('AnnotationQueryEditor', () => {
  it('shows an example annotation query while empty, as the query editor does', () => {
    renderAnnotation();
    const hint = screen.getByTestId(selectors.query.placeholder);
    expect(hint).toHaveTextContent('AlertInfo');
    expect(hint).toHaveTextContent('project Timestamp, Title');
  });

  it('shows no example over a saved annotation query', () => {
    renderAnnotation('AlertInfo | take 5');
    expect(screen.queryByTestId(selectors.query.placeholder)).toBeNull();
  });

  it('edits the time, end time, text and tags columns of the annotation', () => {
    const onAnnotationChange = jest.fn();
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}));
    const annotation = {
      name: 'Alerts',
      enable: true,
      iconColor: 'red',
      target: { refId: 'Anno', queryText: 'AlertInfo' },
    };
    render(
      <AnnotationQueryEditor
        datasource={ds}
        query={{ refId: 'Anno' }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
        annotation={annotation}
        onAnnotationChange={onAnnotationChange}
      />
    );
    const cases: Array<[string, string, string]> = [
      [selectors.query.annotationTime, 'timeField', 'Timestamp'],
      [selectors.query.annotationTimeEnd, 'timeEndField', 'Resolved'],
      [selectors.query.annotationText, 'textField', 'Title'],
      [selectors.query.annotationTags, 'tagsField', 'Severity'],
    ];
    for (const [id, key, value] of cases) {
      fireEvent.change(document.getElementById(id)!, { target: { value } });
      expect(onAnnotationChange).toHaveBeenLastCalledWith({
        ...annotation,
        target: { refId: 'Anno', queryText: 'AlertInfo', [key]: value },
      });
    }
  });
});
