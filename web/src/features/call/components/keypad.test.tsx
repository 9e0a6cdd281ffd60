import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Keypad } from './keypad';

describe('Keypad', () => {
  it('has the twelve keys of a phone, named by what is printed on them', () => {
    render(<Keypad enabled digitsSent="" onDigit={vi.fn()} />);

    const keys = within(screen.getByRole('group', { name: 'Send tones' })).getAllByRole('button');
    expect(keys.map((key) => key.textContent)).toEqual([
      '1', '2 ABC', '3 DEF', '4 GHI', '5 JKL', '6 MNO', '7 PQRS', '8 TUV', '9 WXYZ', '*', '0 +', '#',
    ]);
  });

  it('sends clicked keys and keys typed outside form fields', async () => {
    const onDigit = vi.fn();
    render(
      <>
        <label>
          Note <input />
        </label>
        <Keypad enabled digitsSent="" onDigit={onDigit} />
      </>,
    );

    await userEvent.click(screen.getByRole('button', { name: '#' }));
    await userEvent.keyboard('7*x');
    await userEvent.type(screen.getByRole('textbox', { name: 'Note' }), '9');

    expect(onDigit.mock.calls.map(([digit]) => digit)).toEqual(['#', '7', '*']);
  });

  it('sends one tone for a held key, however often the key repeats', () => {
    const onDigit = vi.fn();
    render(<Keypad enabled digitsSent="" onDigit={onDigit} />);

    fireEvent.keyDown(document, { key: '5' });
    fireEvent.keyDown(document, { key: '5', repeat: true });
    fireEvent.keyDown(document, { key: '5', repeat: true });
    fireEvent.keyUp(document, { key: '5' });
    fireEvent.keyDown(document, { key: '5' });

    expect(onDigit.mock.calls.map(([digit]) => digit)).toEqual(['5', '5']);
  });

  it('shows the digits sent', () => {
    render(<Keypad enabled digitsSent="12#" onDigit={vi.fn()} />);

    expect(screen.getByRole('status', { name: 'Digits sent' })).toHaveTextContent('12#');
  });

  it('sends nothing while disabled', async () => {
    const onDigit = vi.fn();
    render(<Keypad enabled={false} digitsSent="" onDigit={onDigit} />);

    await userEvent.keyboard('1');

    expect(onDigit).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: '1' })).toBeDisabled();
  });
});
