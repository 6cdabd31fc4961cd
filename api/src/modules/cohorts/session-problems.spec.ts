import { sessionProblems, SessionFacts } from './session-problems';

const workshop: SessionFacts = {
  kind: 'workshop',
  mode: 'in-person',
  status: 'scheduled',
  facilitatorCount: 2,
  leadFacilitatorCount: 1,
  venueName: 'Education Centre',
  venueCapacity: 30,
  cohortVenue: null,
  cohortCapacity: 24,
  joinUrl: null,
};

describe('sessionProblems', () => {
  it('finds nothing wrong with a fully staffed workshop in a big enough room', () => {
    expect(sessionProblems(workshop)).toEqual([]);
  });

  it('flags under-staffing and a missing lead facilitator', () => {
    expect(sessionProblems({ ...workshop, facilitatorCount: 1, leadFacilitatorCount: 0 })).toEqual([
      'Needs 2 facilitators, has 1',
      'Needs a lead facilitator',
    ]);
  });

  it('flags a room too small for the cohort and an in-person session without a venue', () => {
    expect(sessionProblems({ ...workshop, venueCapacity: 20 })).toEqual([
      'Venue holds 20, cohort has 24 places',
    ]);
    expect(sessionProblems({ ...workshop, venueName: null, venueCapacity: null })).toEqual(['No venue']);
    expect(
      sessionProblems({ ...workshop, venueName: null, venueCapacity: null, cohortVenue: 'Room 4' }),
    ).toEqual([]);
  });

  it('flags a virtual session without a join link', () => {
    expect(
      sessionProblems({
        ...workshop,
        kind: 'action-learning-set',
        mode: 'virtual',
        facilitatorCount: 1,
        leadFacilitatorCount: 0,
      }),
    ).toEqual(['No join link']);
  });

  it('says nothing about cancelled sessions', () => {
    expect(sessionProblems({ ...workshop, status: 'cancelled', facilitatorCount: 0 })).toEqual([]);
  });
});
