import { OpenCohortSession } from '@upstand/contracts';
import { numberedLines, placeName, sessionLine } from './open-cohort-details.component';

describe('open cohort details', () => {
  it('names the venue and its town once', () => {
    expect(placeName('Leicester General Hospital', 'Leicester')).toBe('Leicester General Hospital');
    expect(placeName('Loughborough Hospital', 'Loughborough')).toBe('Loughborough Hospital');
    expect(placeName('The Hub', 'Leicester')).toBe('The Hub, Leicester');
    expect(placeName('The Hub', null)).toBe('The Hub');
    expect(placeName(null, null)).toBeNull();
  });

  it('says when and where each session is, and which set an action learning set session is for', () => {
    expect(
      sessionLine({
        title: 'Action learning set 2',
        kind: 'action-learning-set',
        mode: 'virtual',
        startsAt: '2027-05-20T10:00:00+01:00',
        endsAt: '2027-05-20T11:30:00+01:00',
        venueName: null,
        town: null,
        setNumber: 3,
      }),
    ).toEqual({
      title: 'Set 3: Action learning set 2',
      when: 'Thursday 20 May 2027, 10:00am to 11:30am',
      where: 'online',
    });
    expect(
      sessionLine({
        title: 'Workshop day 1',
        kind: 'workshop',
        mode: 'in-person',
        startsAt: '2027-05-13T09:00:00+01:00',
        endsAt: '2027-05-13T16:30:00+01:00',
        venueName: null,
        town: null,
        setNumber: null,
      }).where,
    ).toBe('in person, venue to be confirmed');
  });

  it('numbers sessions that share a title, within each set', () => {
    const session = (title: string, setNumber: number | null): OpenCohortSession => ({
      title,
      kind: 'action-learning-set',
      mode: 'virtual',
      startsAt: '2027-05-20T10:00:00+01:00',
      endsAt: '2027-05-20T11:30:00+01:00',
      venueName: null,
      town: null,
      setNumber,
    });
    expect(
      numberedLines([
        session('Workshop', null),
        session('Action learning set', null),
        session('Action learning set', null),
        session('Action learning set', 2),
      ]).map((line) => line.title),
    ).toEqual(['Workshop', 'Action learning set 1', 'Action learning set 2', 'Set 2: Action learning set']);
  });
});
