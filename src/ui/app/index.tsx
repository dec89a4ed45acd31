export function App() {
  return (
    <main>
      <h1>代办通</h1>
      <p>村级帮办代办工作台</p>
    </main>
  );
}
